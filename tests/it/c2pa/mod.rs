//! Content Credentials: manifests built here, signatures by the test PKI, real files against
//! the reference results, and hostile stores.

mod agreement;
mod bmff_merkle;
mod bmff_timed;
mod budget;
mod built;
mod compressed;
mod copies;
mod der_reader;
mod formats;
mod identity;
mod identity_ica;
mod identity_ica_trust;
mod jxl_brob;
mod legacy;
mod native_backend;
mod remote;
mod replay;
mod rules;
mod signed_e2e;
mod signed_real_files;
mod signed_signature;
mod signing_cases;
mod structure;
mod sweep;
mod timestamps;
