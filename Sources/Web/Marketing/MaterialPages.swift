import DocumentsCore
import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// 市场资料 as pages: the library (folders, search), a material with its versions, share links and
/// views, and the forms that prepare one.
enum MaterialPages {
    struct Form: Content {
        var title: String?; var description: String?; var folderId: String?; var kind: String?; var expiresOn: String?
        var branchId: String?; var campaignId: String?; var roleIds: [String]?; var url: String?; var note: String?
        var file: File?; var version: String?

        var input: MaterialService.Input {
            .init(
                title: title, description: description, folderId: PageShell.id(folderId), kind: kind, expiresOn: expiresOn,
                branchId: PageShell.id(branchId), campaignId: PageShell.id(campaignId), roleIds: PageShell.ids(roleIds))
        }

        /// The version the form carries: a file picked, or an address typed; nil for neither.
        var newVersion: MaterialService.NewVersion? {
            if let f = file, f.data.readableBytes > 0 || !f.filename.isEmpty {
                return .init(fileName: f.filename, data: Data(buffer: f.data), note: note)
            }
            if let u = url, !u.trimmingCharacters(in: .whitespaces).isEmpty { return .init(url: u, note: note) }
            return nil
        }

        init(
            title: String? = nil, description: String? = nil, folderId: String? = nil, kind: String? = nil, expiresOn: String? = nil,
            branchId: String? = nil, campaignId: String? = nil, roleIds: [String]? = nil, version: String? = nil
        ) {
            self.title = title; self.description = description; self.folderId = folderId; self.kind = kind; self.expiresOn = expiresOn
            self.branchId = branchId; self.campaignId = campaignId; self.roleIds = roleIds; self.version = version
        }
    }

    static let accept = ".pdf,.png,.jpg,.jpeg,.ppt,.pptx,.doc,.docx,.xls,.xlsx,.txt"

    static func folderName(_ folders: [MaterialFolderRow], _ id: Int64?) -> String {
        guard let id, let f = folders.first(where: { $0.id == id }) else { return "" }
        if let p = f.parentId, let parent = folders.first(where: { $0.id == p }) { return parent.name + " / " + f.name }
        return f.name
    }

    static func statusLabel(_ s: MaterialFlow.State, _ t: Translator) -> Node {
        CommonPages.badge(t("material.status." + s.rawValue), s == .published ? "ok" : s == .expired ? "danger" : "")
    }

    static func list(_ req: Request) async throws -> Response {
        let t = req.t
        let (limit, cursor) = try req.paging()
        let folderId = req.query[Int64.self, at: "folderId"]
        let q = req.query[String.self, at: "q"]
        let status = req.query[String.self, at: "status"].flatMap { MaterialFlow.State(rawValue: $0)?.rawValue }
        let page = try await MaterialService.list(
            .init(folderId: folderId, q: q, status: status), limit: limit, cursor: cursor, req.services)
        let folders = try await MaterialService.folders(req.services)
        let manages = req.state.principal?.can(.marketing, .edit) ?? true
        let today = CalendarDate.chinaDate(req.services.nowMillis)
        var filters = [
            ListModel.Filter(
                name: "folderId", label: t("material.folder"), options: folders.map { (String($0.id), folderName(folders, $0.id)) },
                selected: folderId.map(String.init))
        ]
        if manages {
            filters.append(
                .init(
                    name: "status", label: t("common.status"),
                    options: MaterialFlow.State.allCases.map { ($0.rawValue, t("material.status." + $0.rawValue)) }, selected: status))
        }
        var model = ListModel(
            basePath: Paths.Marketing.materials(), query: q, filters: filters,
            columns: [
                .init(t("material.title")), .init(t("material.folder")), .init(t("material.kind")), .init(t("common.status")),
                .init(t("material.version"), numeric: true), .init(t("common.updated_at")),
            ],
            rows: page.items.map { m in
                [
                    CommonPages.link(m.title, Paths.Marketing.material(m.id)), .text(folderName(folders, m.folderId)),
                    .text(t("material.kind." + m.kind)), statusLabel(MaterialService.status(m, today: today), t),
                    .text(m.currentVersion > 0 ? "v" + String(m.currentVersion) : "—"), .text(PageShell.date(m.updatedAt, req.state.lang)),
                ]
            }, nextCursor: page.nextCursor, emptyText: t("list.empty"))
        model.onLaterPage = cursor != nil
        model.emptyHelp = t(manages ? "material.empty" : "material.empty_reader")
        var actions: [PageAction] = []
        if manages { actions.append(PageAction(label: t("material.new"), href: Paths.Marketing.newMaterial(), primary: true)) }
        let folderForm =
            manages
            ? FormModel(
                action: Paths.Marketing.folders(), csrf: req.state.csrf,
                fields: [
                    .init("name", label: t("material.folder_name"), required: true),
                    .init(
                        "parentId", label: t("material.folder_parent"),
                        kind: .select(folders.filter { $0.parentId == nil }.map { (String($0.id), $0.name) })),
                ], submitLabel: t("material.new_folder")) : nil
        return PageShell.page(
            req,
            MaterialViews.library(
                PageShell.context(req), title: t("material.title_list"), actions: actions, intro: t("material.intro"), model,
                folderForm: folderForm))
    }

    struct FolderForm: Content {
        var name: String?
        var parentId: String?
    }

    static func createFolder(_ req: Request) async throws -> Response {
        let f = try req.content.decode(FolderForm.self)
        do {
            let folder = try await MaterialService.createFolder(name: f.name, parentId: PageShell.id(f.parentId), req.services)
            return PageShell.redirect(req, to: Paths.Marketing.materials() + "?folderId=\(folder.id)", flash: "material.folder_saved")
        } catch let e as DomainError where e.kind == .invalid {
            return PageShell.redirect(req, to: Paths.Marketing.materials(), error: e)
        }
    }

    static func formModel(_ req: Request, _ f: Form, id: Int64?) async throws -> FormModel {
        let t = req.t
        let folders = try await MaterialService.folders(req.services)
        let (branches, roles) = try await MaterialService.audiences(req.services)
        let campaigns = try await CampaignService.pickable(req.services)
        var fields: [FormModel.Field] = [
            .init("title", label: t("material.title"), value: f.title, required: true),
            .init(
                "folderId", label: t("material.folder"), kind: .select(folders.map { (String($0.id), folderName(folders, $0.id)) }),
                value: f.folderId),
            .init("description", label: t("material.description"), kind: .textarea, value: f.description),
        ]
        if id == nil {
            fields += [
                .init(
                    "kind", label: t("material.kind"),
                    kind: .select(MaterialService.Kind.allCases.map { ($0.rawValue, t("material.kind." + $0.rawValue)) }),
                    value: f.kind ?? "file", required: true),
                .init("file", label: t("material.file"), kind: .file(accept: accept), hint: t("material.file_hint")),
                .init("url", label: t("material.url"), value: f.url, hint: t("material.url_hint")),
            ]
        }
        fields += [
            .init("expiresOn", label: t("material.expires_on"), kind: .date, value: f.expiresOn, hint: t("material.expires_hint")),
            .init(
                "branchId", label: t("material.branch"),
                kind: .select([("", t("material.all_branches"))] + branches.map { (String($0.id), $0.name) }),
                value: f.branchId),
            .init(
                "roleIds", label: t("material.roles"), kind: .checkboxes(roles.map { (String($0.id), $0.name) }),
                values: Set(f.roleIds ?? []),
                hint: t("material.roles_hint")),
            .init(
                "campaignId", label: t("campaign.one"), kind: .select(campaigns.map { (String($0.id), $0.code + " " + $0.name) }),
                value: f.campaignId),
        ]
        return FormModel(
            action: id.map { Paths.Marketing.material($0) } ?? Paths.Marketing.materials(), csrf: req.state.csrf, fields: fields,
            hidden: f.version.map { [("version", $0)] } ?? [], submitLabel: t("action.save"),
            cancelHref: id.map { Paths.Marketing.material($0) } ?? Paths.Marketing.materials())
    }

    static func new(_ req: Request) async throws -> Response {
        try req.services.require(.marketing, .create)
        let folder = req.query[Int64.self, at: "folderId"].map(String.init)
        let form = try await formModel(req, Form(folderId: folder, kind: "file"), id: nil)
        return PageShell.page(req, CommonPages.form(PageShell.context(req), title: req.t("material.new"), form))
    }

    static func create(_ req: Request) async throws -> Response {
        let f = try req.content.decode(Form.self)
        do {
            let m = try await MaterialService.create(f.input, first: f.newVersion, req.services)
            return PageShell.redirect(req, to: Paths.Marketing.material(m.id), flash: "material.saved")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .tooLarge {
            var form = try await formModel(req, f, id: nil)
            form.attach(error: ConcordErrorMiddleware.message(e, req.t), field: e.field)
            return PageShell.page(
                req, CommonPages.form(PageShell.context(req), title: req.t("material.new"), form), status: .unprocessableEntity)
        }
    }

    static func edit(_ req: Request) async throws -> Response {
        let d = try await MaterialService.details(try req.id(), req.services)
        try req.services.require(.marketing, .edit)
        let m = d.material, roles = d.roleIds
        let f = Form(
            title: m.title, description: m.description, folderId: m.folderId.map(String.init), kind: m.kind, expiresOn: m.expiresOn,
            branchId: m.branchId.map(String.init), campaignId: m.campaignId.map(String.init), roleIds: roles.map(String.init),
            version: String(m.version))
        let form = try await formModel(req, f, id: m.id)
        return PageShell.page(req, CommonPages.form(PageShell.context(req), title: req.t("material.edit"), form))
    }

    static func update(_ req: Request) async throws -> Response {
        let id = try req.id()
        let f = try req.content.decode(Form.self)
        do {
            _ = try await MaterialService.update(id, f.input, version: PageShell.id(f.version), req.services)
            return PageShell.redirect(req, to: Paths.Marketing.material(id), flash: "material.saved")
        } catch let e as DomainError where e.kind == .invalid || (e.kind == .conflict && e.code == "stale_version") {
            var form = try await formModel(req, f, id: id)
            try PageShell.attach(e, to: &form, req)
            return PageShell.page(
                req, CommonPages.form(PageShell.context(req), title: req.t("material.edit"), form), status: .unprocessableEntity)
        }
    }

    static func size(_ bytes: Int64) -> String {
        bytes >= 1024 * 1024
            ? String(bytes / 1024 / 1024) + "." + String(bytes % (1024 * 1024) * 10 / (1024 * 1024)) + " MB"
            : String((bytes + 1023) / 1024) + " KB"
    }

    static func show(_ req: Request) async throws -> Response {
        let t = req.t
        let d = try await MaterialService.details(try req.id(), req.services)
        let m = d.material
        let now = req.services.nowMillis
        var model = MaterialModel(title: m.title, csrf: req.state.csrf)
        if d.manages { model.actions = [PageAction(label: t("action.edit"), href: Paths.Marketing.editMaterial(m.id))] }
        let folders = try await MaterialService.folders(req.services)
        model.facts = [
            (t("common.status"), statusLabel(d.status, t)), (t("material.kind"), .text(t("material.kind." + m.kind))),
            (t("material.folder"), .text(m.folderId == nil ? "—" : folderName(folders, m.folderId))),
            (t("material.expires_on"), .text(m.expiresOn ?? "—")),
            (t("material.branch"), .text(d.branchName ?? t("material.all_branches"))),
        ]
        if !d.roleNames.isEmpty { model.facts.append((t("material.roles"), .text(d.roleNames.joined(separator: "、")))) }
        if let c = d.campaign {
            model.facts.append((t("campaign.one"), CommonPages.link(c.code + " " + c.name, Paths.Marketing.campaign(c.id))))
        }
        if let text = m.description { model.facts.append((t("material.description"), .text(text))) }
        model.commands = d.actions.filter { $0 != .edit }.map {
            (t("material.action." + $0.rawValue), Paths.Marketing.materialAction(m.id, $0.rawValue))
        }
        model.figures = [
            (t("material.views"), String(d.figures.views)), (t("material.visitors"), String(d.figures.visitors)),
            (t("material.leads"), String(d.figures.leads)),
        ]
        model.versions = d.versions.map { v in
            .init(
                number: "v" + String(v.number), name: v.fileName ?? v.url ?? "",
                href: v.url ?? Paths.Marketing.materialFile(m.id, v.number), size: v.url == nil ? size(v.size) : "—", note: v.note ?? "",
                at: PageShell.date(v.createdAt, req.state.lang))
        }
        if d.manages, d.actions.contains(.edit) {
            let fields: [FormModel.Field] =
                m.kind == MaterialService.Kind.link.rawValue
                ? [.init("url", label: t("material.url"), required: true)]
                : [.init("file", label: t("material.file"), kind: .file(accept: accept), required: true, hint: t("material.file_hint"))]
            var form = FormModel(
                action: Paths.Marketing.materialVersions(m.id), csrf: req.state.csrf,
                fields: fields + [.init("note", label: t("material.note"))], submitLabel: t("material.upload"))
            form.idPrefix = "v-"
            model.versionForm = form
        }
        if d.status == .published, req.state.principal != nil {
            var form = FormModel(
                action: Paths.Marketing.materialShares(m.id), csrf: req.state.csrf,
                fields: [.init("days", label: t("material.share_days"), kind: .number, value: "30", hint: t("material.share_days_hint"))],
                submitLabel: t("material.share"))
            form.idPrefix = "s-"
            model.shareForm = form
        } else {
            model.shareHint = t("material.share_needs_published")
        }
        let me = req.state.principal?.userId
        model.shares = d.shares.map { s in
            let live = s.revokedAt == nil && s.expiresAt > now
            return .init(
                link: PageShell.absolute(req, Paths.Shell.sharedMaterial(s.token)), by: s.userName ?? "",
                expires: PageShell.date(s.expiresAt, req.state.lang),
                state: t(s.revokedAt != nil ? "material.share_revoked" : live ? "material.share_live" : "material.share_expired"),
                views: String(s.views), visitors: String(s.visitors), leads: String(s.leads),
                revoke: live && (d.manages || s.userId == me) ? Paths.Marketing.revokeShare(m.id, s.id) : nil)
        }
        let views = try await MaterialService.views(m.id, limit: 50, cursor: nil, req.services)
        let seesLeads = req.state.principal?.can(.leads, .view) ?? true
        model.views = views.items.map { v in
            .init(
                at: PageShell.date(v.viewedAt, req.state.lang), sharedBy: v.sharedBy ?? "", name: v.name ?? "", phone: v.phone ?? "",
                lead: v.leadId.map { CommonPages.link(t("material.open_lead"), Paths.CRM.lead($0), if: seesLeads) } ?? .text(""))
        }
        return PageShell.page(req, MaterialViews.page(PageShell.context(req), model))
    }

    static func transition(_ command: MaterialFlow.Command) -> @Sendable (Request) async throws -> Response {
        { req in
            let id = try req.id()
            do {
                _ = try await MaterialService.transition(id, command, version: nil, req.services)
                return PageShell.redirect(req, to: Paths.Marketing.material(id), flash: "material.saved")
            } catch let e as DomainError where e.kind == .conflict {
                return PageShell.redirect(req, to: Paths.Marketing.material(id), error: e)
            }
        }
    }

    static func addVersion(_ req: Request) async throws -> Response {
        let id = try req.id()
        let f = try req.content.decode(Form.self)
        do {
            guard let v = f.newVersion else { throw DomainError.required("file") }
            _ = try await MaterialService.addVersion(id, v, req.services)
            return PageShell.redirect(req, to: Paths.Marketing.material(id), flash: "material.uploaded")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .tooLarge || e.kind == .conflict {
            return PageShell.redirect(req, to: Paths.Marketing.material(id), error: e)
        }
    }

    static func file(_ req: Request) async throws -> Response {
        try req.services.require(.marketing, .view)
        guard let number = req.parameters.get("number").flatMap(Int64.init) else { throw DomainError.notFound }
        let (v, data) = try await MaterialService.file(try req.id(), number: number, req.services)
        return AttachmentResponse.make(v, data, inline: false)
    }

    struct ShareForm: Content { var days: String? }

    static func share(_ req: Request) async throws -> Response {
        let id = try req.id()
        let f = try req.content.decode(ShareForm.self)
        do {
            let days = try f.days.flatMap { text -> Int64? in
                let s = text.trimmingCharacters(in: .whitespaces)
                guard !s.isEmpty else { return nil }
                guard let n = Int64(s) else { throw DomainError.invalid("days", code: "out_of_range", args: ["days", "1", "365"]) }
                return n
            }
            _ = try await MaterialService.share(id, days: days, req.services)
            return PageShell.redirect(req, to: Paths.Marketing.material(id), flash: "material.shared")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return PageShell.redirect(req, to: Paths.Marketing.material(id), error: e)
        }
    }

    static func revoke(_ req: Request) async throws -> Response {
        let id = try req.id()
        guard let share = req.parameters.get("share").flatMap(Int64.init) else { throw DomainError.notFound }
        do {
            _ = try await MaterialService.revoke(share: share, req.services)
            return PageShell.redirect(req, to: Paths.Marketing.material(id), flash: "material.revoked")
        } catch let e as DomainError where e.kind == .conflict {
            return PageShell.redirect(req, to: Paths.Marketing.material(id), error: e)
        }
    }
}
