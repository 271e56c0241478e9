/// An address as people write it: province, city, district and street run together, the city
/// left out where it is the province (a municipality: 上海市上海市浦东新区 reads 上海市浦东新区).
public enum ChineseAddress {
    public static func join(province: String?, city: String?, district: String?, street: String?) -> String {
        var parts: [String] = []
        for p in [province, city, district, street] {
            guard let p, !p.isEmpty else { continue }
            if p == parts.last { continue }
            parts.append(p)
        }
        return parts.joined()
    }
}
