//! Text that stays whole: every glyph the panels draw is in egui's font atlas from the first
//! frames on.
//!
//! egui rasterizes glyphs on first use and sends the new part of its font atlas as a partial
//! texture update; in this window (bevy_egui 0.42, software Vulkan) some of those late updates
//! never reach the screen, so labels lost letters ("100 metrics rows  episo  e 4"). Sub-pixel
//! binning made it worse: each glyph is rasterized anew at up to four fractional offsets, so a
//! label whose leading number changes width keeps asking for new glyphs. [`keep_text_whole`]
//! turns binning off (one raster per glyph and size) and lays out every character the panels
//! use ([`PANEL_CHARS`]) in every text style, so the atlas is complete while it is still being
//! uploaded whole.

use bevy_egui::egui;

/// Every character the panels draw: printable ASCII and the symbols of labels and units.
pub const PANEL_CHARS: &str = concat!(
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`",
    "abcdefghijklmnopqrstuvwxyz{|}~",
    "·×−–—…→←↑↓°±²³µΔηθλμπστχ▶⏸⏭✔✖⚠▾⏷"
);

/// Turns sub-pixel binning off and lays out [`PANEL_CHARS`] in every text style; call every
/// frame before drawing (the layouts are cached, so later frames cost a lookup per style).
pub fn keep_text_whole(ctx: &egui::Context) {
    if ctx.global_style().visuals.text_options.subpixel_binning {
        ctx.all_styles_mut(|style| style.visuals.text_options.subpixel_binning = false);
    }
    let fonts: Vec<egui::FontId> = ctx.global_style().text_styles.values().cloned().collect();
    ctx.fonts_mut(|view| {
        for font in fonts {
            view.layout_no_wrap(PANEL_CHARS.to_owned(), font, egui::Color32::WHITE);
        }
    });
}
