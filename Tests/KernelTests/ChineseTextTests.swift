import Kernel
import Testing

struct ChineseTextTests {
    @Test func pinyinFullAndInitials() {
        #expect(Pinyin.initials("北京快普科技") == "bjkpkj")
        #expect(Pinyin.full("北京快普") == "beijingkuaipu")
        #expect(Pinyin.initials("招商银行") == "zsyh", "银行 reads yinhang")
        #expect(Pinyin.full("ABC 食品 2号") == "abcshipin2hao")
        #expect(Pinyin.searchText("可乐").contains("kele"))
    }

    @Test(arguments: [
        ("0", "零元整"), ("100", "壹佰元整"), ("12345.67", "壹万贰仟叁佰肆拾伍元陆角柒分"),
        ("1001.01", "壹仟零壹元零壹分"), ("100000000", "壹亿元整"), ("10010.5", "壹万零壹拾元伍角整"),
        ("0.05", "伍分"), ("-3.2", "负叁元贰角整"), ("105000", "壹拾万伍仟元整"),
    ])
    func amountsInCapitals(_ figures: String, _ words: String) throws {
        #expect(ChineseAmount.capitals(try Money(parsing: figures)) == words)
    }

    @Test func usccCheckCharacter() {
        #expect(USCC.validate("91350100M000100Y43") == "91350100M000100Y43")
        #expect(USCC.validate("91350100m000100y43 ") == "91350100M000100Y43")
        #expect(USCC.validate("91350100M000100Y44") == nil, "wrong check character")
        #expect(USCC.validate("91350100M000100Y4") == nil, "too short")
        #expect(USCC.validate("91350100M000100I43") == nil, "I is not in the alphabet")
    }
}

struct HalfWidthTests {
    @Test func fullWidthFormsBecomeASCII() {
        #expect(Pinyin.halfWidth("ＡＢＣ（北京）１２３　有限公司") == "ABC(北京)123 有限公司")
    }

    @Test func pinyinIsSafeFromManyThreads() async {
        await withTaskGroup(of: String.self) { group in
            for i in 0..<64 { group.addTask { Pinyin.full(i % 2 == 0 ? "北京快普科技" : "上海浦东发展银行") } }
            for await r in group { #expect(r == "beijingkuaipukeji" || r == "shanghaipudongfazhanyinhang") }
        }
    }
}

@Suite("CSV as spreadsheets write it")
struct CSVTests {
    @Test func quotesCommasLineBreaksAndTheByteOrderMark() throws {
        let text = "\u{FEFF}公司,联系人,备注\r\n\"北京快普科技有限公司\",王建国,\"说：\"\"要报价\"\"，\r\n下周回电\"\r\n上海华联,,\n\n"
        #expect(try CSV.parse(text) == [["公司", "联系人", "备注"], ["北京快普科技有限公司", "王建国", "说：\"要报价\"，\r\n下周回电"], ["上海华联", "", ""]])
    }

    @Test func aPasteFromASpreadsheetIsTabSeparated() throws {
        #expect(try CSV.parse("company\tphone\nA, Inc.\t010-1") == [["company", "phone"], ["A, Inc.", "010-1"]])
    }

    @Test func anUnterminatedQuoteNamesItsLine() {
        #expect(throws: CSV.ParseError(line: 2)) { try CSV.parse("a,b\n\"open,quote\nmore") }
    }
}
