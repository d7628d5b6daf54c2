//! Remote manifests (C2PA 2.2 §11.4, §15.5.3): a file that points at its Content Credentials
//! elsewhere, with XMP `dcterms:provenance` or an HTTP `Link: <…>; rel="c2pa-manifest"` header.
//!
//! The core never touches the network. It names the reference in a structured
//! [`RemoteManifest`] (the URL, its host, whether a surface may fetch it, and what became of
//! it), and a surface that has the user's consent fetches the store and checks the file again
//! with the bytes in [`Options::remote_manifest`]; [`super::verify_with`] then validates them
//! against the file as it validates a sidecar (no embedded store, so the data hash has no
//! exclusion to skip).
//!
//! What c2pa-rs 0.91.3 does, and what we do:
//! - not fetched (its `remote_manifest_fetch` off): its reader stops with the error
//!   `RemoteManifestUrl` and gives no validation state. We give no `c2pa` section either, and
//!   report the reference with status `not-fetched` and no code.
//! - the fetch failed: its reader stops with `RemoteManifestFetch`, which it maps to
//!   `manifest.inaccessible` (and reports that code for an ingredient's remote manifest). We
//!   report status `inaccessible` with that code, still without a `c2pa` section, so the verdict
//!   comes from the other evidence rather than calling the file invalid for a network failure.
//! - it fetches `http:` and `https:` URLs; a surface of ours fetches only `https:` addresses
//!   with a host and no user name or password in them (`fetchable`).

use crate::options::Options;
use serde::Serialize;

/// What became of a remote reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RemoteStatus {
    /// Not fetched: nothing left the device. A surface may offer to fetch it (`fetchable`).
    NotFetched,
    /// Fetched by the caller and validated against the file (the `c2pa` section).
    Fetched,
    /// The caller tried to fetch it and could not (`manifest.inaccessible`).
    Inaccessible,
}

/// A file's reference to Content Credentials stored elsewhere, for a surface to show and, with
/// the user's consent, fetch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RemoteManifest {
    /// The reference as the file (or header) gives it.
    pub url: String,
    /// Its host, lowercased, without port or user information; `None` when it has none.
    pub host: Option<String>,
    /// True when a surface may fetch it: an absolute `https:` URL with a host and without a
    /// user name or password.
    pub fetchable: bool,
    /// Not fetched, fetched, or inaccessible.
    pub status: RemoteStatus,
    /// `manifest.inaccessible` when a fetch failed; otherwise `None`.
    pub code: Option<String>,
    /// A plain sentence on the reference and what was done with it.
    pub explanation: String,
}

/// The parts of a URL a surface needs before fetching: the lowercased scheme, the host, and
/// whether user information (`user:password@`) is present.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlParts {
    /// Lowercased scheme, without the colon.
    pub scheme: String,
    /// Lowercased host; IPv6 literals keep their brackets.
    pub host: String,
    /// True when the authority carries user information.
    pub userinfo: bool,
}

/// Split an absolute `scheme://authority/...` URL (RFC 3986 §3). `None` for anything else
/// (relative references, `self#jumbf=` URIs, an empty host).
pub fn url_parts(url: &str) -> Option<UrlParts> {
    let (scheme, rest) = url.split_once("://")?;
    let mut chars = scheme.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    if !first_ok || !chars.all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-' || c == '.') {
        return None;
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = rest.get(..end)?;
    let (userinfo, hostport) = match authority.rsplit_once('@') {
        Some((_, hp)) => (true, hp),
        None => (false, authority),
    };
    let host = if hostport.starts_with('[') {
        let close = hostport.find(']')?;
        hostport.get(..=close)?
    } else {
        hostport.split(':').next().unwrap_or_default()
    };
    if host.is_empty() || host.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    Some(UrlParts {
        scheme: scheme.to_ascii_lowercase(),
        host: host.to_ascii_lowercase(),
        userinfo,
    })
}

/// Why a reference may not be fetched, or `None` when it may (an `https:` URL with a host and
/// no user information).
pub fn refusal(url: &str) -> Option<&'static str> {
    match url_parts(url) {
        None => Some("it is not an absolute address with a host"),
        Some(p) if p.scheme != "https" => Some("only https: addresses are fetched"),
        Some(p) if p.userinfo => Some("the address carries a user name or password"),
        Some(_) => None,
    }
}

/// The remote reference to report, if any: the first fetchable reference found (else the first
/// one), when the file has no embedded store and the caller gave no sidecar (an embedded store
/// is what is validated, C2PA 2.2 §15.5.3; the reference then stays in `c2pa.remote_manifest`).
pub fn reference(urls: &[String], has_embedded: bool, options: &Options) -> Option<RemoteManifest> {
    if has_embedded || options.sidecar_manifest.is_some() {
        return None;
    }
    // The first one that may be fetched, else the first one (to say why it may not).
    let url = urls
        .iter()
        .find(|u| refusal(u).is_none())
        .or_else(|| urls.first())?;
    let host = url_parts(url).map(|p| p.host);
    let refused = refusal(url);
    let shown = host.clone().unwrap_or_else(|| url.clone());
    let (status, code, explanation) = if options.remote_manifest.is_some() {
        (
            RemoteStatus::Fetched,
            None,
            format!(
                "The Content Credentials stored at {shown} were fetched and verified against this \
                 file."
            ),
        )
    } else if let Some(err) = &options.remote_manifest_error {
        (
            RemoteStatus::Inaccessible,
            Some(super::status::MANIFEST_INACCESSIBLE.to_owned()),
            format!(
                "This file's Content Credentials are stored remotely at {shown}, and could not be \
                 fetched: {err}."
            ),
        )
    } else if let Some(why) = refused {
        (
            RemoteStatus::NotFetched,
            None,
            format!(
                "This file's Content Credentials are stored remotely at {shown}. They were not \
                 fetched: {why}."
            ),
        )
    } else {
        (
            RemoteStatus::NotFetched,
            None,
            format!(
                "This file's Content Credentials are stored remotely at {shown}. They were not \
                 fetched: fetching them tells {shown} that this file is being checked, so it is \
                 done only when asked."
            ),
        )
    };
    Some(RemoteManifest {
        url: url.clone(),
        host,
        fetchable: refused.is_none(),
        status,
        code,
        explanation,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_urls_as_rfc_3986_does() {
        let p = url_parts("HTTPS://User:pw@CAI-Manifests.Adobe.com:8443/m?x#y").unwrap();
        assert_eq!(p.scheme, "https");
        assert_eq!(p.host, "cai-manifests.adobe.com");
        assert!(p.userinfo);
        assert_eq!(
            url_parts("https://[::1]:5000/a").map(|p| p.host),
            Some("[::1]".to_owned())
        );
        assert_eq!(url_parts("self#jumbf=/c2pa"), None);
        assert_eq!(url_parts("/relative/m.c2pa"), None);
        assert_eq!(url_parts("https:///nohost"), None);
        assert_eq!(url_parts("1http://x/"), None);
    }

    #[test]
    fn only_https_with_a_host_and_no_credentials_is_fetchable() {
        assert_eq!(refusal("https://example.com/m.c2pa"), None);
        assert!(refusal("http://localhost:5000/libpng-test.c2pa").is_some());
        assert!(refusal("https://u:p@example.com/m").is_some());
        assert!(refusal("ftp://example.com/m").is_some());
        assert!(refusal("m.c2pa").is_some());
    }
}
