import Kernel
import Testing

@Suite("Permission names")
struct PermissionNameTests {
    @Test func modulesAreNamedAsInEveryOtherLayer() {
        #expect(Permission(.organisation, .view).description == "organisation.view")
        #expect(Permission(.cash, .create).description == "cash.create")
    }

    /// Roles saved and API clients written before the rename keep their rights.
    @Test func theOldNamesStillMeanTheSameRight() {
        #expect(Permission("org.edit") == Permission(.organisation, .edit))
        #expect(Permission("finance.view") == Permission(.cash, .view))
        #expect(
            Permission.parseList("finance.view org.view stock.view") == [
                Permission(.cash, .view), Permission(.organisation, .view), Permission(.stock, .view),
            ])
        #expect(Permission("nothing.view") == nil)
    }
}
