//! Watermarks read from pixels (feature `pixels`): dwtDct marks made by the test encoder,
//! NovelAI stealth metadata, the pixel decode and robustness measurements.

mod depth;
mod dwtdct;
mod novelai;
mod orientation;
mod pixels;
mod robustness;
mod wmcheck;
