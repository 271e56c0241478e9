extension Paths {
    /// Branches (with their accounting mode) and departments.
    public enum Organisation {
        public static let branches = PagePath("/organisation/branches")
        public static let printBranches = PagePath("/organisation/branches/print")
        public static let newBranch = PagePath("/organisation/branches/new")
        public static let branch = PagePath("/organisation/branches/:id")
        public static let editBranch = PagePath("/organisation/branches/:id/edit")
        public static let accountingSwitch = PagePath("/organisation/branches/:id/accounting")
        public static let departments = PagePath("/organisation/departments")
        public static let newDepartment = PagePath("/organisation/departments/new")
        public static let department = PagePath("/organisation/departments/:id")
        public static let editDepartment = PagePath("/organisation/departments/:id/edit")
        public static let company = PagePath("/organisation/company")
        public static let settings = PagePath("/organisation/settings")
        /// 编号规则: how each kind of document is numbered.
        public static let numbering = PagePath("/organisation/numbering")
        public static let companyLogo = PagePath("/organisation/company/logo")
        public static let removeCompanyLogo = PagePath("/organisation/company/logo/remove")
        public static let skipSetupStep = PagePath("/organisation/setup/:step/skip")
        /// 演示环境: load the demo company into its own database and enter it; leave it.
        public static let sandbox = PagePath("/organisation/sandbox")
        public static let leaveSandbox = PagePath("/organisation/sandbox/leave")

        public static let all: [PagePath] = [
            branches, printBranches, newBranch, branch, editBranch, accountingSwitch, departments, newDepartment, department,
            editDepartment, company, settings, numbering, companyLogo, removeCompanyLogo, skipSetupStep, sandbox, leaveSandbox,
        ]
    }
}
