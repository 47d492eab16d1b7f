/// Brands most imitated in phishing, with the registrable domains they really use (a data list; extend
/// freely). Used to spot hosts that borrow a brand: `paypal.com.secure-login.example`, `paypa1.com`.
enum BrandNames {
    static let domains: [String: Set<String>] = [
        "paypal": ["paypal.com", "paypal.me", "paypalobjects.com", "paypal-community.com"],
        "microsoft": ["microsoft.com", "microsoftonline.com", "live.com", "office.com", "office365.com", "outlook.com", "sharepoint.com", "windows.net", "azure.com", "microsoft365.com", "msn.com", "onmicrosoft.com"],
        "office365": ["office365.com", "microsoft.com", "office.com"],
        "outlook": ["outlook.com", "live.com", "office.com", "microsoft.com"],
        "onedrive": ["onedrive.com", "live.com", "microsoft.com", "sharepoint.com"],
        "sharepoint": ["sharepoint.com", "microsoft.com"],
        "apple": ["apple.com", "icloud.com", "apple.news"],
        "icloud": ["icloud.com", "apple.com"],
        "amazon": ["amazon.com", "amazon.co.uk", "amazon.de", "amazon.fr", "amazon.it", "amazon.es", "amazon.co.jp", "amazon.ca", "amazonaws.com", "amazon.in", "amazon.com.au", "media-amazon.com", "amazonses.com"],
        "netflix": ["netflix.com", "nflxext.com"],
        "google": ["google.com", "googleusercontent.com", "gmail.com", "googleapis.com", "google.co.uk", "google.de", "gstatic.com", "goo.gl", "youtube.com"],
        "gmail": ["gmail.com", "google.com"],
        "docusign": ["docusign.com", "docusign.net"],
        "dropbox": ["dropbox.com", "dropboxusercontent.com"],
        "adobe": ["adobe.com", "adobesign.com", "echosign.com", "adobelogin.com"],
        "linkedin": ["linkedin.com", "licdn.com", "lnkd.in"],
        "facebook": ["facebook.com", "fb.com", "fb.me", "facebookmail.com", "fbcdn.net"],
        "instagram": ["instagram.com", "cdninstagram.com"],
        "whatsapp": ["whatsapp.com", "whatsapp.net", "wa.me"],
        "dhl": ["dhl.com", "dhl.de", "dhl.co.uk", "dhlparcel.nl", "dhl.fr"],
        "fedex": ["fedex.com"],
        "chase": ["chase.com", "jpmorganchase.com", "jpmorgan.com"],
        "wellsfargo": ["wellsfargo.com", "wf.com"],
        "bankofamerica": ["bankofamerica.com", "bofa.com"],
        "coinbase": ["coinbase.com"],
        "binance": ["binance.com"],
        "metamask": ["metamask.io"],
        "steam": ["steampowered.com", "steamcommunity.com"],
    ]

    /// Folds look-alike spellings onto letters: digits that pass for letters, `rn` for `m`, `vv` for `w`.
    static func skeleton(_ label: String) -> String {
        var s = label.lowercased()
        for (from, to) in [("rn", "m"), ("vv", "w"), ("0", "o"), ("1", "l"), ("3", "e"), ("5", "s"), ("4", "a"), ("7", "t"), ("8", "b"), ("-", "")] {
            s = s.replacingOccurrences(of: from, with: to)
        }
        return s.replacingOccurrences(of: "i", with: "l")
    }

    /// Each brand's skeleton, computed once.
    static let skeletons: [String: String] = Dictionary(uniqueKeysWithValues: domains.keys.map { ($0, skeleton($0)) })

    /// Why `host` (whose registrable domain is `site`) borrows a brand, or nil when it does not.
    static func impersonation(host: String, site: String) -> String? {
        let siteLabel = String(site.split(separator: ".").first ?? "")
        let siteSkeleton = skeleton(siteLabel)
        let inside = host.hasSuffix("." + site) ? host.dropLast(site.count + 1).split(separator: ".").map(String.init) : []
        for (brand, owned) in domains where !owned.contains(site) {
            if inside.contains(where: { $0 == brand || $0.hasPrefix(brand + "-") || $0.hasSuffix("-" + brand) }) {
                return "names \(brand) in front of an unrelated domain, \(site)"
            }
            if siteLabel != brand, siteSkeleton == skeletons[brand] {
                return "spells \(brand) with look-alike characters (\(site))"
            }
            if siteLabel.count > brand.count, siteLabel.hasPrefix(brand + "-") || siteLabel.hasSuffix("-" + brand) {
                return "adds words to \(brand) in an unrelated domain, \(site)"
            }
        }
        return nil
    }
}
