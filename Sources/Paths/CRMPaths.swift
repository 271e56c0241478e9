extension Paths {
    /// Customers, contacts, pools, leads, opportunities, follow-ups, schedule, work reports, CRM settings.
    public enum CRM {
        public static let customers = PagePath("/crm/customers")
        public static let newCustomer = PagePath("/crm/customers/new")
        public static let exportCustomers = PagePath("/crm/customers/export")
        public static let bulkTransferCustomers = PagePath("/crm/customers/bulk-transfer")
        public static let customer = PagePath("/crm/customers/:id")
        public static let editCustomer = PagePath("/crm/customers/:id/edit")
        public static let printCustomer = PagePath("/crm/customers/:id/print")
        public static let transferCustomer = PagePath("/crm/customers/:id/transfer")
        public static let releaseCustomer = PagePath("/crm/customers/:id/release")
        public static let customerGroup = PagePath("/crm/customers/:id/group")
        /// The public web-to-lead form: no sign-in, the secret in the address is the right.
        public static let webForm = PagePath("/crm/web-form/:key")
        public static let unlinkRelation = PagePath("/crm/customers/:id/group/:relation/unlink")
        public static let contacts = PagePath("/crm/contacts")
        public static let newContact = PagePath("/crm/contacts/new")
        public static let exportContacts = PagePath("/crm/contacts/export")
        public static let contact = PagePath("/crm/contacts/:id")
        public static let editContact = PagePath("/crm/contacts/:id/edit")
        public static let deleteContact = PagePath("/crm/contacts/:id/delete")
        public static let activities = PagePath("/crm/activities")
        public static let pools = PagePath("/crm/pools")
        public static let poolPreview = PagePath("/crm/pools/preview")
        public static let newPool = PagePath("/crm/pools/new")
        public static let pool = PagePath("/crm/pools/:id")
        public static let editPool = PagePath("/crm/pools/:id/edit")
        public static let claimFromPool = PagePath("/crm/pools/:id/claim/:customer")
        public static let leads = PagePath("/crm/leads")
        public static let newLead = PagePath("/crm/leads/new")
        public static let exportLeads = PagePath("/crm/leads/export")
        public static let bulkAssignLeads = PagePath("/crm/leads/bulk-assign")
        public static let importLeads = PagePath("/crm/leads/import")
        public static let lead = PagePath("/crm/leads/:id")
        public static let editLead = PagePath("/crm/leads/:id/edit")
        public static let takeLead = PagePath("/crm/leads/:id/take")
        public static let assignLead = PagePath("/crm/leads/:id/assign")
        public static let convertLead = PagePath("/crm/leads/:id/convert")
        public static let disqualifyLead = PagePath("/crm/leads/:id/disqualify")
        public static let leadActivities = PagePath("/crm/leads/:id/activities")
        public static let opportunities = PagePath("/crm/opportunities")
        public static let forecast = PagePath("/crm/opportunities/forecast")
        public static let exportOpportunities = PagePath("/crm/opportunities/export")
        public static let newOpportunity = PagePath("/crm/opportunities/new")
        public static let opportunity = PagePath("/crm/opportunities/:id")
        public static let editOpportunity = PagePath("/crm/opportunities/:id/edit")
        public static let moveOpportunity = PagePath("/crm/opportunities/:id/move")
        public static let schedule = PagePath("/crm/schedule")
        public static let newTask = PagePath("/crm/schedule/new")
        public static let taskDone = PagePath("/crm/schedule/:id/done")
        public static let reports = PagePath("/crm/reports")
        public static let newReport = PagePath("/crm/reports/new")
        public static let report = PagePath("/crm/reports/:id")
        public static let commentReport = PagePath("/crm/reports/:id/comment")
        public static let settings = PagePath("/crm/settings")
        public static let settingsLists = PagePath("/crm/settings/lists")
        public static let settingsFields = PagePath("/crm/settings/fields")
        public static let settingsStages = PagePath("/crm/settings/stages")
        public static let settingsField = PagePath("/crm/settings/fields/:id")
        public static let editSettingsField = PagePath("/crm/settings/fields/:id/edit")

        public static let all: [PagePath] = [
            customers, newCustomer, bulkTransferCustomers, customer, editCustomer, printCustomer, transferCustomer, releaseCustomer,
            contacts, newContact, contact,
            editContact, deleteContact, activities, pools, poolPreview, newPool, pool, editPool, claimFromPool, leads, newLead, importLeads,
            bulkAssignLeads, lead, editLead, takeLead, assignLead, convertLead, disqualifyLead, leadActivities, opportunities, forecast,
            newOpportunity,
            opportunity, editOpportunity, moveOpportunity, schedule, newTask, taskDone, reports, newReport, report, commentReport, settings,
            settingsLists, settingsFields, settingsStages, settingsField, editSettingsField, exportCustomers, exportContacts, exportLeads,
            exportOpportunities, customerGroup, unlinkRelation, webForm,
        ]
    }
}
