import Kernel

/// Addresses by province, city and district: the province from the list, the city suggested from
/// the province's own (a municipality is its own city, its districts suggested), the street typed.
/// The script points the city and district inputs at the chosen province's lists; without it the
/// lists of the province the page opened with still apply, and the server checks what comes back.
public enum AddressPicker {
    /// The 34 provinces, by full name.
    public static var provinces: [(value: String, label: String)] { ChineseRegions.provinces.map { ($0.name, $0.name) } }

    public static func cityList(_ province: String?) -> String? { province.flatMap { $0.isEmpty ? nil : "cities-" + $0 } }
    public static func districtList(_ province: String?) -> String? { province.flatMap { $0.isEmpty ? nil : "districts-" + $0 } }

    /// Each province's cities; each municipality's own name as its city and its districts.
    public static var datalists: [(id: String, options: [(value: String, label: String)])] {
        ChineseRegions.provinces.flatMap { p -> [(id: String, options: [(value: String, label: String)])] in
            p.isMunicipality
                ? [("cities-" + p.name, [(p.name, "")]), ("districts-" + p.name, p.cities.map { ($0, "") })]
                : [("cities-" + p.name, p.cities.map { ($0, "") })]
        }
    }

    /// Points a form's province, city and district fields at the lists: a select of provinces,
    /// and the city and district suggesting from the chosen province.
    public static func apply(to form: inout FormModel, province: String = "province", city: String = "city", district: String = "district")
    {
        guard let pi = form.fields.firstIndex(where: { $0.name == province }) else { return }
        let chosen = form.fields[pi].value
        // A province typed before the list existed (or by a program) stays a choice.
        let known = ChineseRegions.province(named: chosen)?.name
        var options = provinces
        if !chosen.isEmpty, known == nil { options.append((chosen, chosen)) }
        form.fields[pi].kind = .select(options)
        if let k = known { form.fields[pi].value = k }
        for i in form.fields.indices {
            if form.fields[i].name == city { form.fields[i].list = cityList(known) ?? "cities-none" }
            if form.fields[i].name == district { form.fields[i].list = districtList(known) ?? "districts-none" }
        }
        form.datalists += datalists
    }
}
