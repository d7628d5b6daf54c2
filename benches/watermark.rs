//! Criterion benchmark: decode + dwtDct/NovelAI detection on a 1024x1024 image.
fn main() {}
