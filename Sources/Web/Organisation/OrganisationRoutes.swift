import Paths
import Vapor

extension Paths.Organisation {
    /// The Organisation pages (branches, departments, the company's details): every address of the table with its handler.
    static func register(_ pages: any RoutesBuilder) {
        pages.get(branches, use: BranchPages.tree)
        pages.get(printBranches, use: BranchPages.print)
        pages.get(newBranch, use: BranchPages.new)
        pages.post(branches, use: BranchPages.create)
        pages.get(branch, use: BranchPages.show)
        pages.get(editBranch, use: BranchPages.edit)
        pages.post(branch, use: BranchPages.update)
        pages.get(accountingSwitch, use: AccountingSwitchPages.show)
        pages.post(accountingSwitch, use: AccountingSwitchPages.apply)
        pages.get(departments, use: DepartmentPages.list)
        pages.get(newDepartment, use: DepartmentPages.new)
        pages.post(departments, use: DepartmentPages.create)
        pages.get(editDepartment, use: DepartmentPages.edit)
        pages.post(department, use: DepartmentPages.update)
        pages.get(company, use: CompanyPages.show)
        pages.get(settings, use: SettingsPages.show)
        pages.post(settings, use: SettingsPages.update)
        pages.get(numbering, use: NumberingPages.show)
        pages.post(numbering, use: NumberingPages.update)
        pages.post(company, use: CompanyPages.update)
        pages.get(companyLogo, use: CompanyPages.logo)
        pages.on(.POST, companyLogo, body: .collect(maxSize: "512kb"), use: CompanyPages.upload)
        pages.post(removeCompanyLogo, use: CompanyPages.removeLogo)
        pages.post(skipSetupStep, use: CompanyPages.skipSetupStep)
        pages.post(sandbox, use: SandboxPages.enter)
        pages.get(leaveSandbox, use: SandboxPages.leave)
    }
}
