import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// What every print template starts from: the company's letterhead, the paper asked for
/// (`?paper=a4|241x140|241x280`) and the other party's details.
enum PrintSupport {
    /// The sheet with its letterhead, and the company's printed terms (one per line) for the
    /// documents that carry them: the details are read once.
    static func sheet(_ req: Request, title: String, number: String) async throws -> (sheet: PrintSheet, terms: [String]) {
        let p = try await CompanyProfile.get(req.store)
        var s = PrintSheet()
        s.letterhead.name = try await CompanyProfile.displayName(p, req.store)
        s.letterhead.address = p.address
        s.letterhead.phone = p.phone
        s.letterhead.taxNumber = p.taxNumber
        let bank = [p.bankName, p.bankAccount].compactMap { $0 }.joined(separator: " ")
        s.letterhead.bank = bank.isEmpty ? nil : bank
        s.letterhead.logo = p.hasLogo ? Paths.Organisation.companyLogo() : nil
        s.title = title
        s.number = number
        s.paper = PrintSheet.Paper(rawValue: req.query[String.self, at: "paper"] ?? "") ?? .a4
        s.paperLinks = PrintSheet.Paper.allCases.map { ($0, req.url.path + "?paper=" + $0.rawValue) }
        let terms = (p.terms ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        return (s, terms.filter { !$0.isEmpty })
    }

    /// The other party as the document names it: name, address, telephone, contact, tax number.
    static func party(_ partner: PartnerRow?, role: String, _ req: Request) async throws -> [(String, String)] {
        guard let partner else { return [] }
        let t = req.t
        let contact = try await CRMQueries.contacts(of: partner.id, on: req.store).first
        // The stored address already runs province, city, district and street together (ChineseAddress).
        let address = partner.address ?? ""
        return [
            (role, partner.name), (t("print.address"), address), (t("print.phone"), partner.phone ?? ""),
            (t("print.contact"), contact.map { c in c.name + ((c.mobile ?? c.phone).map { " " + $0 } ?? "") } ?? ""),
            (t("print.tax_number"), partner.uscc ?? ""),
        ]
    }
}
