//! Reading the report's JSON (the documented, fixed schema of README "The report") without
//! failing: a missing or mistyped field is simply absent. The export reads the JSON rather than
//! the Rust types so that the page can hand back the report object it already holds.

use serde_json::Value;

/// The value at `path` (object keys), if every step exists.
pub fn at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter().try_fold(v, |v, k| v.get(k))
}

/// The string at `path`, if it is a string.
pub fn text<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    at(v, path).and_then(Value::as_str)
}

/// The array at `path`, or an empty slice.
pub fn list<'a>(v: &'a Value, path: &[&str]) -> &'a [Value] {
    at(v, path)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// The unsigned integer at `path`.
pub fn number(v: &Value, path: &[&str]) -> Option<u64> {
    at(v, path).and_then(Value::as_u64)
}

/// The manifest the report names as active, else the last one (the store's order).
pub fn active_manifest(report: &Value) -> Option<&Value> {
    let manifests = list(report, &["c2pa", "manifests"]);
    let active = text(report, &["c2pa", "active_manifest"]);
    manifests
        .iter()
        .find(|m| active.is_some() && text(m, &["label"]) == active)
        .or_else(|| manifests.last())
}

/// Who signed a manifest, as one short name: organisation, else common name.
pub fn signer_name(manifest: &Value) -> Option<&str> {
    text(manifest, &["signer", "organization"])
        .or_else(|| text(manifest, &["signer", "common_name"]))
}

/// The file size in words (B, KB, MB with one decimal), as the page shows it.
pub fn size_words(n: u64) -> String {
    const KB: u64 = 1024;
    let tenths = |unit: u64| {
        let t = n.saturating_mul(10).checked_div(unit).unwrap_or(0);
        format!("{}.{}", t / 10, t % 10)
    };
    if n < KB {
        format!("{n} B")
    } else if n < KB * KB {
        format!("{} KB", tenths(KB))
    } else {
        format!("{} MB", tenths(KB * KB))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn missing_and_mistyped_fields_are_absent() {
        let v = json!({"a": {"b": "x", "n": 3, "l": [1]}, "c": 5});
        assert_eq!(text(&v, &["a", "b"]), Some("x"));
        assert_eq!(text(&v, &["a", "n"]), None);
        assert_eq!(text(&v, &["c", "d"]), None);
        assert_eq!(number(&v, &["a", "n"]), Some(3));
        assert_eq!(list(&v, &["a", "l"]).len(), 1);
        assert!(list(&v, &["a", "b"]).is_empty());
    }

    #[test]
    fn active_manifest_by_label_else_last() {
        let v = json!({"c2pa": {"active_manifest": "m1", "manifests": [{"label": "m1"}, {"label": "m2"}]}});
        assert_eq!(text(active_manifest(&v).unwrap(), &["label"]), Some("m1"));
        let v = json!({"c2pa": {"manifests": [{"label": "m1"}, {"label": "m2"}]}});
        assert_eq!(text(active_manifest(&v).unwrap(), &["label"]), Some("m2"));
        assert!(active_manifest(&json!({})).is_none());
    }

    #[test]
    fn sizes_in_words() {
        assert_eq!(size_words(1023), "1023 B");
        assert_eq!(size_words(1536), "1.5 KB");
        assert_eq!(size_words(656_258), "640.8 KB");
        assert_eq!(size_words(3 * 1024 * 1024), "3.0 MB");
    }
}
