/// The words of Audit, each key with its zh-CN and English text side by side.
extension Catalog {
    static let audit: [Entry] = [
        ("audit.title", "审计日志", "Audit log"),
        ("audit.at", "时间", "When"),
        ("audit.user", "操作人", "Who"),
        ("audit.ip", "来源地址", "From"),
        ("audit.action", "操作", "Action"),
        ("audit.entity", "对象", "Record"),
        ("audit.changes", "变更内容", "Changes"),
        ("audit.from", "开始日期", "From date"),
        ("audit.to", "结束日期", "To date"),
    ]
}
