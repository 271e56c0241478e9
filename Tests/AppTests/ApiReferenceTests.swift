import Foundation
import Testing
import Views

@testable import Web

/// The API reference reads in Chinese: every operation of the OpenAPI document is described in
/// words of the catalog, never left in English.
@Suite("API reference in Chinese")
struct ApiReferenceTests {
    @Test func everyOperationIsDescribedInChinese() {
        let t = Translator(.zhCN)
        let operations = ApiDocsPages.operations()
        #expect(operations.count > 200)
        var missing: [String] = []
        for o in operations {
            guard let text = ApiDocsView.describe(o, t) else {
                missing.append("\(o.method) \(o.path)")
                continue
            }
            // Chinese throughout: no Latin letters, no untranslated key.
            if text.unicodeScalars.contains(where: { ("a"..."z").contains($0) || ("A"..."Z").contains($0) }) || text.contains("⟦") {
                missing.append("\(o.method) \(o.path): \(text)")
            }
        }
        #expect(missing == [])
        func said(_ method: String, _ path: String) -> String? {
            operations.first { $0.method == method && $0.path == path }.flatMap { ApiDocsView.describe($0, t) }
        }
        #expect(said("GET", "/api/v1/customers") == "查询客户")
        #expect(said("PUT", "/api/v1/contracts/{id}") == "修改合同")
        #expect(said("POST", "/api/v1/contracts/{id}/submit") == "合同：提交审批")
        #expect(said("GET", "/api/v1/opportunities/{id}/history") == "查询商机的阶段历史")
        #expect(said("GET", "/api/v1/company") == "查看公司信息")
        #expect(said("GET", "/api/v1/portal/orders") == "经销商门户：查询订单")
        #expect(said("GET", "/api/v1/stock/expiring") == "查询临期和过期库存")
    }
}
