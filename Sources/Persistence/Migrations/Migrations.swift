import FluentKit

/// Every migration, in order. Append only: a migration that has shipped is never edited.
public enum ConcordMigrations {
    public static let all: [any Migration] = [
        M001CreateOrganisation(),
        M002CreateAccess(),
        M003CreateAuditAndDocuments(),
        M004CreateInventory(),
        M005CreateCRM(),
        M006CustomerSearch(),
        M007CreateContracts(),
        M008CreatePriceSystem(),
        M009CreateExpenses(),
        M010CreateBranchTrade(),
        M011CreatePortal(),
        M012GuardInvariants(),
        M013AttachmentContents(),
        M014ModulePermissionNames(),
        M015CostsPermission(),
        M016MunicipalityAddresses(),
        M017UserInvites(),
        M018BatchDates(),
        M019Webhooks(),
        M020Imports(),
        M021Duplicates(),
        M022DataMap(),
        M023Marketing(),
        M024BranchDefaults(),
        M025Events(),
        M026Messages(),
        M027Segments(),
        M028Materials(),
        M029MessageTriggers(),
        M030MessageTracking(),
        M031MoreCustomFields(),
        M032SearchQueue(),
    ]
}
