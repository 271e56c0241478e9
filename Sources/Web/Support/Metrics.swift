import Foundation

/// Request counts and latencies in Prometheus text format, kept in memory.
public final class Metrics: @unchecked Sendable {
    private let lock = NSLock()
    private var requests: [String: Int64] = [:]
    private var buckets: [Double: Int64] = [:]
    private var durationSum = 0.0
    private var durationCount: Int64 = 0
    private let started = Date()
    static let bounds: [Double] = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]

    public init() {}

    public func record(method: String, status: Int, seconds: Double) {
        lock.lock()
        defer { lock.unlock() }
        requests["method=\"\(method)\",status=\"\(status)\"", default: 0] += 1
        for b in Self.bounds where seconds <= b { buckets[b, default: 0] += 1 }
        durationSum += seconds
        durationCount += 1
    }

    public func render(extra: [(String, String, Int64)] = []) -> String {
        lock.lock()
        defer { lock.unlock() }
        var out = "# HELP concord_http_requests_total HTTP requests by method and status.\n# TYPE concord_http_requests_total counter\n"
        for (labels, n) in requests.sorted(by: { $0.key < $1.key }) { out += "concord_http_requests_total{\(labels)} \(n)\n" }
        out +=
            "# HELP concord_http_request_duration_seconds Time to answer a request.\n# TYPE concord_http_request_duration_seconds histogram\n"
        for b in Self.bounds { out += "concord_http_request_duration_seconds_bucket{le=\"\(b)\"} \(buckets[b] ?? 0)\n" }
        out += "concord_http_request_duration_seconds_bucket{le=\"+Inf\"} \(durationCount)\n"
        out += "concord_http_request_duration_seconds_sum \(durationSum)\nconcord_http_request_duration_seconds_count \(durationCount)\n"
        out += "# HELP concord_uptime_seconds Seconds since the server started.\n# TYPE concord_uptime_seconds gauge\n"
        out += "concord_uptime_seconds \(Int(Date().timeIntervalSince(started)))\n"
        for (name, help, value) in extra {
            out += "# HELP \(name) \(help)\n# TYPE \(name) gauge\n\(name) \(value)\n"
        }
        return out
    }
}
