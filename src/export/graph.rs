//! The provenance picture as data: one node per manifest reachable from the active manifest
//! (and one per ingredient that has no Content Credentials), one edge per ingredient reference
//! labelled with its relationship (C2PA 2.2 §18.15.2: `parentOf`, `componentOf`, `inputTo`),
//! laid out in rows by distance from the active manifest. [`super::svg`] draws it.

use super::value::{list, signer_name, text};
use serde_json::Value;

/// Most nodes drawn; the rest are counted in [`Graph::omitted`].
pub const MAX_NODES: usize = 40;
/// Most rows (ingredient depth) drawn.
pub const MAX_LEVELS: usize = 8;
/// Most nodes in one row.
pub const MAX_PER_LEVEL: usize = 8;

/// Status codes that mark a node as failing in the picture. `signingCredential.untrusted` is a
/// failure code too, but it says nothing is broken; it is shown as "signer not trusted". The
/// other codes that leave a manifest valid (`cawg.x509.*`, `cawg.identity.*`) are not shown.
const UNTRUSTED: &str = "signingCredential.untrusted";

/// True for a failure code that leaves a manifest valid. This module renders a report's JSON
/// without the checker (it is also built alone for the page), so it cannot ask
/// `c2pa::invalid_reason::is_tolerated`, the rule's one place; `tests/it/c2pa/identity.rs` checks that
/// the two agree.
pub fn leaves_valid(code: &str) -> bool {
    code == UNTRUSTED || code.starts_with("cawg.x509.") || code.starts_with("cawg.identity.")
}

/// One box in the picture.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Node {
    /// The manifest label, for a manifest node.
    pub label: Option<String>,
    /// The title (file name) of the manifest or ingredient.
    pub title: String,
    /// Who signed it (organisation, else common name).
    pub signer: Option<String>,
    /// When it was signed (RFC 3339).
    pub time: Option<String>,
    /// True when the time comes from a verified timestamp.
    pub timestamped: bool,
    /// The claim generator ("made with").
    pub generator: Option<String>,
    /// Its actions, as the spec names them (`c2pa.opened`, ...).
    pub actions: Vec<String>,
    /// What it declares about AI (`generated`, `edited`, `may-contain`).
    pub ai: Option<String>,
    /// Its thumbnail as a `data:` URI (checked: an image type and base64 only).
    pub thumbnail: Option<String>,
    /// Failure codes that concern this manifest (other than the signer being untrusted).
    pub failures: Vec<String>,
    /// Informational codes that concern this manifest.
    pub notes: Vec<String>,
    /// True when the signer is not on a trust list in use.
    pub untrusted: bool,
    /// True for the active manifest (the file itself).
    pub active: bool,
    /// The ingredient's media type, for an ingredient without credentials.
    pub format: Option<String>,
    /// Row, 0 for the active manifest.
    pub level: usize,
    /// Position in its row.
    pub column: usize,
}

impl Node {
    /// True for a manifest, false for an ingredient without Content Credentials.
    pub fn is_manifest(&self) -> bool {
        self.label.is_some()
    }
}

/// An ingredient reference: `child` went into `parent` as `relationship`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    /// The node that used the ingredient.
    pub parent: usize,
    /// The ingredient's node.
    pub child: usize,
    /// `parentOf`, `componentOf`, `inputTo`, or what the file says.
    pub relationship: String,
}

/// The laid-out picture.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Graph {
    /// Nodes, in rows.
    pub nodes: Vec<Node>,
    /// Ingredient references.
    pub edges: Vec<Edge>,
    /// Manifests and ingredients not drawn because of the limits above.
    pub omitted: usize,
    /// Number of rows.
    pub levels: usize,
    /// Most nodes in any row.
    pub widest: usize,
}

/// The picture of a report's C2PA manifests, or `None` when it has none.
pub fn build(report: &Value) -> Option<Graph> {
    let manifests = list(report, &["c2pa", "manifests"]);
    let active = text(report, &["c2pa", "active_manifest"])
        .or_else(|| manifests.last().and_then(|m| text(m, &["label"])))?;
    let by_label = |l: &str| manifests.iter().find(|m| text(m, &["label"]) == Some(l));
    let root = by_label(active)?;
    let codes = Codes::of(report);

    let mut g = Graph::default();
    let mut row: Vec<usize> = vec![push(&mut g, manifest_node(root, &codes, 0, 0))];
    if let Some(n) = g.nodes.first_mut() {
        n.active = true;
    }
    let mut level = 0usize;
    while !row.is_empty() {
        let mut next = Vec::new();
        for parent in row {
            let Some(label) = g.nodes.get(parent).and_then(|n| n.label.clone()) else {
                continue;
            };
            let Some(m) = by_label(&label) else { continue };
            for ing in list(m, &["ingredients"]) {
                let relationship = text(ing, &["relationship"])
                    .unwrap_or("ingredient")
                    .to_owned();
                let child_label = text(ing, &["manifest"]);
                // A manifest already drawn (a shared ingredient, or a cycle in a crafted file):
                // an edge to it, no new node.
                if let Some(existing) = child_label
                    .and_then(|l| g.nodes.iter().position(|n| n.label.as_deref() == Some(l)))
                {
                    g.edges.push(Edge {
                        parent,
                        child: existing,
                        relationship,
                    });
                    continue;
                }
                if level.saturating_add(1) >= MAX_LEVELS
                    || next.len() >= MAX_PER_LEVEL
                    || g.nodes.len() >= MAX_NODES
                {
                    g.omitted = g.omitted.saturating_add(1);
                    continue;
                }
                let column = next.len();
                let node = match child_label.and_then(by_label) {
                    // Titled as the parent names the ingredient, else by its own manifest.
                    Some(cm) => Node {
                        title: text(ing, &["title"])
                            .or_else(|| text(cm, &["title"]))
                            .unwrap_or("untitled")
                            .to_owned(),
                        ..manifest_node(cm, &codes, level.saturating_add(1), column)
                    },
                    None => Node {
                        title: text(ing, &["title"])
                            .unwrap_or("untitled ingredient")
                            .to_owned(),
                        format: text(ing, &["format"]).map(str::to_owned),
                        // A reference to a manifest that is not in the store.
                        failures: child_label
                            .map(|_| vec!["ingredient.manifest.missing".to_owned()])
                            .unwrap_or_default(),
                        level: level.saturating_add(1),
                        column,
                        ..Node::default()
                    },
                };
                let child = push(&mut g, node);
                g.edges.push(Edge {
                    parent,
                    child,
                    relationship,
                });
                next.push(child);
            }
        }
        level = level.saturating_add(1);
        row = next;
    }
    g.levels = g
        .nodes
        .iter()
        .map(|n| n.level)
        .max()
        .map_or(0, |l| l.saturating_add(1));
    g.widest = (0..g.levels)
        .map(|l| g.nodes.iter().filter(|n| n.level == l).count())
        .max()
        .unwrap_or(0);
    Some(g)
}

fn push(g: &mut Graph, n: Node) -> usize {
    g.nodes.push(n);
    g.nodes.len().saturating_sub(1)
}

/// Validation codes by the manifest they concern.
struct Codes<'a> {
    failure: Vec<(&'a str, &'a str)>,
    informational: Vec<(&'a str, &'a str)>,
}

impl<'a> Codes<'a> {
    fn of(report: &'a Value) -> Self {
        let pairs = |key: &str| {
            list(report, &["c2pa", "validation", key])
                .iter()
                .filter_map(|e| Some((text(e, &["manifest"])?, text(e, &["code"])?)))
                .collect()
        };
        Self {
            failure: pairs("failure"),
            informational: pairs("informational"),
        }
    }

    fn for_manifest(list: &[(&'a str, &'a str)], label: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (m, code) in list {
            if *m == label && !out.iter().any(|c| c == code) {
                out.push((*code).to_owned());
            }
        }
        out
    }
}

fn manifest_node(m: &Value, codes: &Codes<'_>, level: usize, column: usize) -> Node {
    let label = text(m, &["label"]).unwrap_or_default().to_owned();
    let mut failures = Codes::for_manifest(&codes.failure, &label);
    let untrusted = failures.iter().any(|c| c == UNTRUSTED);
    // Codes that leave the manifest valid (an untrusted signer, and the CAWG identity
    // assertion's own findings, shown with the identity) do not mark the box as failing.
    failures.retain(|c| !leaves_valid(c));
    Node {
        title: text(m, &["title"]).unwrap_or("untitled").to_owned(),
        signer: signer_name(m).map(str::to_owned),
        time: text(m, &["signer", "time"]).map(str::to_owned),
        timestamped: m
            .get("signer")
            .and_then(|s| s.get("timestamped"))
            .and_then(Value::as_bool)
            .unwrap_or(false),
        generator: text(m, &["claim_generator"]).map(str::to_owned),
        actions: list(m, &["actions"])
            .iter()
            .filter_map(|a| text(a, &["action"]).map(str::to_owned))
            .collect(),
        ai: text(m, &["ai"]).map(str::to_owned),
        thumbnail: m.get("thumbnail").and_then(thumbnail_uri),
        failures,
        notes: Codes::for_manifest(&codes.informational, &label),
        untrusted,
        label: Some(label),
        level,
        column,
        ..Node::default()
    }
}

/// Image types a thumbnail may have in the report (others are not shown).
const THUMBNAIL_TYPES: [&str; 5] = [
    "image/jpeg",
    "image/png",
    "image/webp",
    "image/gif",
    "image/avif",
];
/// Largest thumbnail embedded, in base64 characters.
pub const MAX_THUMBNAIL_BASE64: usize = 1024 * 1024;

/// A `{media_type, data_base64}` thumbnail as a `data:` URI, if its type is an image type we
/// allow and its data is only base64 (so nothing in it can end the attribute it goes into).
pub fn thumbnail_uri(t: &Value) -> Option<String> {
    let media_type = text(t, &["media_type"])?;
    let data = text(t, &["data_base64"])?;
    data_uri(media_type, data)
}

/// `data:{media_type};base64,{data}` when both pass the checks of [`thumbnail_uri`].
pub fn data_uri(media_type: &str, data: &str) -> Option<String> {
    if !THUMBNAIL_TYPES.contains(&media_type) || data.len() > MAX_THUMBNAIL_BASE64 {
        return None;
    }
    let clean: String = data.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    if clean.is_empty()
        || !clean
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/' || b == b'=')
    {
        return None;
    }
    Some(format!("data:{media_type};base64,{clean}"))
}

/// A `data:image/...;base64,...` URI given by a caller (the page's own thumbnail of a file),
/// accepted only if it passes the same checks.
pub fn checked_data_uri(uri: &str) -> Option<String> {
    let rest = uri.strip_prefix("data:")?;
    let (media_type, data) = rest.split_once(";base64,")?;
    data_uri(media_type, data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn manifest(label: &str, title: &str, ingredients: Value) -> Value {
        json!({"label": label, "title": title, "signer": {"organization": "Org", "time": "2023-01-24T14:48:58Z", "timestamped": true},
               "actions": [{"action": "c2pa.opened"}], "ingredients": ingredients})
    }

    /// The three-level chain of the CAICAI test file, written out by hand from its ingredients.
    fn caicai() -> Value {
        json!({"c2pa": {"active_manifest": "m2", "manifests": [
            manifest("m1", "CAI.jpg", json!([{"title": "A.jpg", "relationship": "parentOf"}, {"title": "I.jpg", "relationship": "componentOf"}])),
            manifest("m2", "CAICAI.jpg", json!([{"title": "A.jpg", "relationship": "parentOf"}, {"title": "CAI.jpg", "relationship": "componentOf", "manifest": "m1"}])),
        ], "validation": {"failure": [{"code": "assertion.hashedURI.mismatch", "manifest": "m1"}, {"code": "signingCredential.untrusted", "manifest": "m2"}]}}})
    }

    #[test]
    fn three_levels_with_relationships() {
        let g = build(&caicai()).unwrap();
        let titles: Vec<_> = g
            .nodes
            .iter()
            .map(|n| (n.title.as_str(), n.level))
            .collect();
        assert_eq!(
            titles,
            [
                ("CAICAI.jpg", 0),
                ("A.jpg", 1),
                ("CAI.jpg", 1),
                ("A.jpg", 2),
                ("I.jpg", 2)
            ]
        );
        let rels: Vec<_> = g
            .edges
            .iter()
            .map(|e| (e.parent, e.child, e.relationship.as_str()))
            .collect();
        assert_eq!(
            rels,
            [
                (0, 1, "parentOf"),
                (0, 2, "componentOf"),
                (2, 3, "parentOf"),
                (2, 4, "componentOf")
            ]
        );
        assert_eq!((g.levels, g.widest, g.omitted), (3, 2, 0));
        assert!(g.nodes[0].active && g.nodes[0].untrusted && g.nodes[0].failures.is_empty());
        assert_eq!(g.nodes[2].failures, ["assertion.hashedURI.mismatch"]);
        assert!(!g.nodes[1].is_manifest());
    }

    #[test]
    fn cycles_and_missing_manifests_end() {
        let v = json!({"c2pa": {"active_manifest": "a", "manifests": [
            manifest("a", "A", json!([{"title": "B", "relationship": "parentOf", "manifest": "b"}, {"title": "gone", "relationship": "inputTo", "manifest": "zzz"}])),
            manifest("b", "B", json!([{"title": "A", "relationship": "parentOf", "manifest": "a"}])),
        ]}});
        let g = build(&v).unwrap();
        assert_eq!(g.nodes.len(), 3);
        assert_eq!(g.edges.len(), 3);
        assert_eq!(g.nodes[2].failures, ["ingredient.manifest.missing"]);
    }

    #[test]
    fn wide_and_deep_stores_are_bounded() {
        let many: Vec<Value> = (0..100)
            .map(|i| json!({"title": format!("i{i}"), "relationship": "componentOf"}))
            .collect();
        let mut ms = vec![manifest("m0", "top", Value::Array(many))];
        for i in 0..20 {
            ms.push(manifest(&format!("d{i}"), "deep", json!([{"title": "x", "relationship": "parentOf", "manifest": format!("d{}", i + 1)}])));
        }
        let v = json!({"c2pa": {"active_manifest": "m0", "manifests": ms}});
        let g = build(&v).unwrap();
        assert!(g.nodes.len() <= MAX_NODES && g.widest <= MAX_PER_LEVEL);
        assert_eq!(g.omitted, 100 - MAX_PER_LEVEL);
        assert!(build(&json!({"c2pa": null})).is_none());
    }

    #[test]
    fn thumbnails_only_as_clean_image_data() {
        assert_eq!(
            data_uri("image/png", "iVBO Rw==").as_deref(),
            Some("data:image/png;base64,iVBORw==")
        );
        assert!(data_uri("image/svg+xml", "PHN2Zz4=").is_none());
        assert!(data_uri("image/png", "abc\"onload=x").is_none());
        assert!(data_uri("image/png", "").is_none());
        assert!(checked_data_uri("data:image/jpeg;base64,/9j/").is_some());
        assert!(checked_data_uri("https://example.com/x.jpg").is_none());
        assert!(checked_data_uri("data:text/html;base64,PGI+").is_none());
    }
}
