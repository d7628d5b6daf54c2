//! Actions assertions v1 (`c2pa.actions`) and v2 (`c2pa.actions.v2`) (C2PA 2.2 §18.1), and what
//! their digital source types say about AI (the C2PA "signals" rubric).

use crate::c2pa::cbor::Value;
use crate::c2pa::report::Action;
use crate::signal::AiKind;

/// Read the actions of an actions assertion.
pub fn parse(v: &Value<'_>) -> Vec<Action> {
    let agents = v
        .get("softwareAgents")
        .and_then(Value::as_array)
        .unwrap_or_default();
    v.get("actions")
        .and_then(Value::as_array)
        .unwrap_or_default()
        .iter()
        .filter_map(|a| {
            let action = a.get("action")?.as_text()?.to_owned();
            let dst = a
                .get("digitalSourceType")
                .and_then(Value::as_text)
                .or_else(|| {
                    // Adobe's pre-1.3 spelling under parameters.
                    a.get("parameters")?
                        .get("com.adobe.digitalSourceType")?
                        .as_text()
                })
                .map(str::to_owned);
            let agent = a
                .get("softwareAgent")
                .or_else(|| {
                    let i = usize::try_from(a.get("softwareAgentIndex")?.as_u64()?).ok()?;
                    agents.get(i)
                })
                .and_then(agent_name);
            Some(Action {
                action,
                digital_source_type: dst,
                software_agent: agent,
                when: a.get("when").and_then(Value::as_text).map(str::to_owned),
            })
        })
        .collect()
}

/// A software agent: a v1 string or a v2 generator-info map's `name` (+ `version`).
fn agent_name(v: &Value<'_>) -> Option<String> {
    match v {
        Value::Text(t) => Some(t.to_string()),
        _ => {
            let name = v.get("name")?.as_text()?;
            Some(match v.get("version").and_then(Value::as_text) {
                Some(ver) => format!("{name} {ver}"),
                None => name.to_owned(),
            })
        }
    }
}

/// What a digital source type URI says about AI (signals rubric, globals-signals.yml):
/// trained algorithmic media/data → generated; composites with AI → edited; digital art and
/// composites → may contain AI.
pub fn ai_kind(dst: &str) -> Option<AiKind> {
    let term = dst.rsplit(['/', '.']).next().unwrap_or(dst);
    match term {
        "trainedAlgorithmicMedia" | "trainedAlgorithmicData" => Some(AiKind::Generated),
        "compositeWithTrainedAlgorithmicMedia" | "compositeSynthetic" => Some(AiKind::Edited),
        "digitalArt" | "composite" => Some(AiKind::MayContain),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_source_types() {
        let iptc = "http://cv.iptc.org/newscodes/digitalsourcetype/";
        assert_eq!(
            ai_kind(&format!("{iptc}trainedAlgorithmicMedia")),
            Some(AiKind::Generated)
        );
        assert_eq!(
            ai_kind("http://c2pa.org/digitalsourcetype/trainedAlgorithmicData"),
            Some(AiKind::Generated)
        );
        assert_eq!(
            ai_kind("c2pa.trainedAlgorithmicData"),
            Some(AiKind::Generated)
        );
        assert_eq!(
            ai_kind(&format!("{iptc}compositeSynthetic")),
            Some(AiKind::Edited)
        );
        assert_eq!(
            ai_kind(&format!("{iptc}composite")),
            Some(AiKind::MayContain)
        );
        assert_eq!(ai_kind(&format!("{iptc}digitalCapture")), None);
        assert_eq!(ai_kind(&format!("{iptc}algorithmicMedia")), None);
    }
}
