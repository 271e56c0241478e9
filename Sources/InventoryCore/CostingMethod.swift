/// How a product's stock is valued (DESIGN.md section 5).
public enum CostingMethod: String, Sendable, Codable, CaseIterable, Hashable {
    /// 移动加权平均
    case movingAverage = "moving_average"
    /// 先进先出
    case fifo
    /// 后进先出
    case lifo
    /// 个别计价: one pool per batch, a moving average inside it.
    case specific
}
