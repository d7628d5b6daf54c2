//! Actions assertions v1 (`c2pa.actions`) and v2 (`c2pa.actions.v2`) (C2PA 2.2 §18.1). What
//! their digital source types say about AI is [`crate::source_type`]'s call ([`Action::new`]).

use crate::c2pa::cbor::Value;
use crate::c2pa::report::Action;

/// Read the actions of an actions assertion into `out` while `room` lasts; past it an action
/// is kept only when it declares more AI than every action `out` holds (a few at most), so
/// what the summary says about AI, and the tool it names, stay what all the actions say.
/// Returns how many actions were left out.
pub fn parse(v: &Value<'_>, out: &mut Vec<Action>, room: &mut usize) -> usize {
    let agents = v
        .get("softwareAgents")
        .and_then(Value::as_array)
        .unwrap_or_default();
    let mut best = out.iter().filter_map(Action::ai).min();
    let mut left_out = 0usize;
    let actions = v.get("actions").and_then(Value::as_array);
    for a in actions.unwrap_or_default() {
        let Some(action) = read(a, agents) else {
            continue;
        };
        let ai = action.ai();
        let stronger = ai.is_some_and(|k| best.is_none_or(|b| k < b));
        if *room == 0 && !stronger {
            left_out = left_out.saturating_add(1);
            continue;
        }
        *room = room.saturating_sub(1);
        if stronger {
            best = ai;
        }
        out.push(action);
    }
    left_out
}

/// One action, if it has a name.
fn read(a: &Value<'_>, agents: &[Value<'_>]) -> Option<Action> {
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
    Some(Action::new(
        action,
        dst,
        agent,
        a.get("when").and_then(Value::as_text).map(str::to_owned),
    ))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signal::AiKind;
    use crate::source_type::SourceClass;

    fn action(dst: &str) -> Action {
        Action::new("c2pa.created".to_owned(), Some(dst.to_owned()), None, None)
    }

    #[test]
    fn source_types_are_classified_by_the_vocabulary() {
        let iptc = "http://cv.iptc.org/newscodes/digitalsourcetype/";
        let generated = action(&format!("{iptc}trainedAlgorithmicMedia"));
        assert_eq!(generated.ai(), Some(AiKind::Generated));
        assert_eq!(
            serde_json::to_value(&generated).unwrap()["source_type"]["class"],
            "generated"
        );
        assert_eq!(
            action("c2pa.trainedAlgorithmicData").ai(),
            Some(AiKind::Generated)
        );
        assert_eq!(
            action(&format!("{iptc}compositeSynthetic")).ai(),
            Some(AiKind::Edited)
        );
        assert_eq!(
            action(&format!("{iptc}composite")).ai(),
            Some(AiKind::MayContain)
        );
        assert_eq!(action(&format!("{iptc}algorithmicMedia")).ai(), None);
        for term in crate::source_type::tests::LATER_CAPTURE_TERMS {
            let a = action(&format!("{iptc}{term}"));
            assert_eq!(a.ai(), None, "{term}");
            assert_eq!(
                a.source_type.unwrap().class,
                SourceClass::Captured,
                "{term}"
            );
        }
        // Outside the vocabulary: no class, and no `source_type` in the report.
        let other = action("http://example.com/trainedAlgorithmicMedia");
        assert_eq!(other.ai(), None);
        assert!(serde_json::to_value(&other)
            .unwrap()
            .get("source_type")
            .is_none());
    }
}
