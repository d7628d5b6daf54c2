//! Text labels: plain-text disclosures (and the evaluation set), HTML, hidden Unicode marks
//! (EncypherAI marks among them) and the signed C2PA text wrapper.

mod c2pa;
mod encypher;
mod eval;
mod hidden;
mod html;
mod plain;
mod sentence;
mod sweep;
