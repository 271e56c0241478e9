/// Traditional characters as their simplified forms, for matching names typed in either script
/// (東莞市華興電器 and 东莞市华兴电器 are one company). Covers the characters common in company
/// names, addresses and family names; a character not listed stays as it is.
public enum ChineseScript {
    public static func simplified(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text { out.append(table[ch] ?? ch) }
        return out
    }

    /// Traditional and simplified, two characters a pair.
    static let pairs = """
        東东 業业 貿贸 電电 設设 備备 華华 國国 際际 實实 發发 廣广 開开 機机 絡络 網网 資资 訊讯 產产 術术 經经 營营 銷销 處处
        門门 書书 會会 員员 號号 長长 風风 雲云 們们 來来 時时 間间 進进 關关 動动 區区 縣县 鄉乡 鎮镇 場场 莊庄 園园 廠厂 礦矿
        藥药 醫医 療疗 衛卫 飲饮 樂乐 學学 習习 裝装 飾饰 貨货 運运 輸输 車车 輛辆 軟软 體体 測测 試试 驗验 證证 協协 議议 廳厅
        樓楼 層层 賓宾 館馆 財财 務务 稅税 計计 劃划 劇剧 團团 為为 萬万 與与 專专 豐丰 臨临 麗丽 義义 烏乌 齊齐 亞亚 聯联 興兴
        倉仓 鋼钢 鐵铁 錶表 鏈链 條条 線线 紡纺 織织 綢绸 緞缎 紙纸 張张 農农 漁渔 養养 飼饲 種种 銀银 錢钱 貸贷 險险 轉转 讓让
        傳传 視视 頻频 聲声 響响 數数 碼码 顯显 圖图 畫画 攝摄 寶宝 貝贝 鑽钻 紅红 綠绿 藍蓝 黃黄 氣气 燈灯 熱热 溫温 濕湿 灣湾
        臺台 鳳凤 龍龙 鳥鸟 魚鱼 雞鸡 鴨鸭 馬马 驛驿 無无 鄭郑 劉刘 陳陈 楊杨 趙赵 吳吴 孫孙 蘇苏 鄧邓 許许 馮冯 韓韩 葉叶 蔣蒋
        盧卢 譚谭 賈贾 顧顾 陸陆 魯鲁 閻阎 羅罗 謝谢 龔龚 嚴严 潔洁 淨净 環环 節节 約约 創创 軒轩 閣阁 廈厦 濟济 滬沪 遼辽 寧宁
        陝陕 貴贵 閩闽 瀋沈 準准 滙汇 匯汇 聖圣 價价 質质 優优 選选 擇择 標标 規规 範范 圓圆 點点 鐘钟 錄录 檢检 調调 總总 統统
        歸归 屬属 達达 遠远 邁迈 遞递 郵邮 遊游 戲戏 遷迁 邊边 還还 這这 過过 對对 導导 將将 屆届 帶带 幣币 幫帮 並并 倫伦 偉伟
        傑杰 億亿 僅仅 兒儿 內内 兩两 冊册 凱凯 劍剑 勞劳 勝胜 勢势 參参 雙双 變变 單单 圍围 塊块 壓压 壽寿 夢梦 奧奥 婦妇 嬰婴
        審审 寫写 尋寻 島岛 峽峡 崗岗 幹干 廟庙 彈弹 徑径 從从 復复 態态 慶庆 懷怀 戰战 擁拥 據据 擴扩 損损 攜携 斷断 曉晓 曆历
        極极 構构 樣样 橋桥 檔档 櫃柜 權权 歡欢 歲岁 歷历 決决 溝沟 漢汉 潤润 濱滨 燒烧 燦灿 爭争 獎奖 獨独 瑪玛 畢毕 當当 盡尽
        監监 盤盘 礎础 禮礼 稱称 穩稳 競竞 筆笔 築筑 簡简 籃篮 糧粮 紀纪 級级 納纳 純纯 紹绍 終终 組组 結结 給给 絲丝 綜综 維维
        緊紧 練练 縮缩 績绩 繩绳 繼继 續续 聞闻 聽听 職职 腦脑 艦舰 藝艺 蘭兰 蟲虫 補补 製制 複复 見见 親亲 覺觉 觀观 訂订 託托
        記记 訪访 評评 詢询 詩诗 話话 認认 語语 誠诚 說说 課课 談谈 請请 論论 諮咨 講讲 謀谋 識识 譯译 護护 讀读 貓猫 負负 貢贡
        販贩 貫贯 責责 費费 貼贴 賞赏 賠赔 賣卖 購购 贈赠 贊赞 趨趋 跡迹 軌轨 軍军 載载 輕轻 較较 輔辅 輝辉 辦办 連连 週周 違违
        遙遥 適适 遺遗 釋释 針针 鈞钧 鈴铃 鉛铅 銅铜 鋁铝 鋒锋 錦锦 鍋锅 鍵键 鎖锁 鏡镜 閃闪 閉闭 閒闲 閱阅 隊队 陽阳 陰阴 隨随
        隱隐 雜杂 離离 難难 靈灵 靜静 順顺 須须 預预 領领 頭头 題题 額额 顏颜 願愿 類类 飛飞 飯饭 駕驾 髮发 鬥斗 鮮鲜 鹽盐 麥麦
        齒齿 藥药 證证 憑凭 訓训 灃沣 灝灏 瀏浏 陽阳 鍾钟 鄒邹 蕭萧 嶺岭 滷卤 礦矿 鑄铸 鍛锻 燁烨 煥焕 暉晖 韻韵 頌颂 馨馨 瑩莹
        """

    static let table: [Character: Character] = {
        var t: [Character: Character] = [:]
        for token in pairs.split(whereSeparator: { $0 == " " || $0 == "\n" }) where token.count == 2 {
            t[token.first!] = token.last!
        }
        return t
    }()
}
