//! Text labels: plain-text disclosures, HTML, hidden Unicode marks and the signed C2PA text
//! wrapper.

mod c2pa;
mod hidden;
mod html;
mod plain;
mod sweep;
