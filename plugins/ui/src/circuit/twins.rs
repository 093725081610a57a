//! One twin of a resistor network, painted: each edge a line coloured by its conductance (dark
//! blue lowest to yellow highest, on a log scale over the network's range), each node a disc
//! coloured by its voltage (blue below ground, white at 0 V, red above, scaled to the largest
//! |V| of both twins), a floating node grey, a cut edge not drawn. Inputs are the left column,
//! outputs the right, ground the disc at the bottom.

use bevy_egui::egui;

/// What one twin shows.
pub struct Twin<'a> {
    /// Node positions in `0..1`.
    pub positions: &'a [[f32; 2]],
    /// Every edge's two nodes.
    pub edges: &'a [[u32; 2]],
    /// Which edges are there.
    pub alive: &'a [bool],
    /// Each edge's conductance, S.
    pub conductance: &'a [f64],
    /// Each node's voltage, V (`NaN`: floating).
    pub voltages: &'a [f64],
    /// The largest |V| either twin shows, V (the colour scale's end).
    pub volts: f64,
}

/// Dark blue (0) to yellow (1).
fn heat(t: f64) -> egui::Color32 {
    let t = t.clamp(0.0, 1.0) as f32;
    egui::Color32::from_rgb(
        (30.0 + 220.0 * t) as u8,
        (40.0 + 180.0 * t) as u8,
        (110.0 - 80.0 * t) as u8,
    )
}

/// Blue (−1) through white (0) to red (+1).
fn diverging(t: f64) -> egui::Color32 {
    if !t.is_finite() {
        return egui::Color32::from_gray(90);
    }
    let t = t.clamp(-1.0, 1.0) as f32;
    let fade = |c: f32| (255.0 - c * t.abs()) as u8;
    if t >= 0.0 {
        egui::Color32::from_rgb(255, fade(200.0), fade(200.0))
    } else {
        egui::Color32::from_rgb(fade(200.0), fade(160.0), 255)
    }
}

/// Paints `twin` into a `size` area.
pub fn draw(ui: &mut egui::Ui, twin: &Twin, size: egui::Vec2) {
    let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 4.0, egui::Color32::from_gray(18));
    let at = |node: u32| {
        let p = twin.positions[node as usize];
        egui::pos2(
            rect.left() + 8.0 + p[0] * (rect.width() - 16.0),
            rect.top() + 8.0 + p[1] * (rect.height() - 16.0),
        )
    };
    let logs: Vec<f64> = twin
        .conductance
        .iter()
        .zip(twin.alive)
        .filter(|(k, a)| **a && **k > 0.0)
        .map(|(k, _)| k.ln())
        .collect();
    let low = logs.iter().copied().fold(f64::INFINITY, f64::min);
    let high = logs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let span = (high - low).max(1e-12);
    for ((&[a, b], &k), &alive) in twin.edges.iter().zip(twin.conductance).zip(twin.alive) {
        if !alive {
            continue;
        }
        let t = (k.ln() - low) / span;
        let width = 0.6 + 1.4 * t as f32;
        painter.line_segment([at(a), at(b)], egui::Stroke::new(width, heat(t)));
    }
    let radius = (size.x / 90.0).clamp(2.0, 5.0);
    for (node, &v) in twin.voltages.iter().enumerate() {
        let centre = at(node as u32);
        painter.circle_filled(centre, radius, diverging(v / twin.volts.max(1e-9)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_run_from_low_to_high_and_floating_nodes_are_grey() {
        assert_eq!(heat(0.0), egui::Color32::from_rgb(30, 40, 110));
        assert_eq!(heat(1.0), egui::Color32::from_rgb(250, 220, 30));
        assert_eq!(diverging(0.0), egui::Color32::WHITE);
        assert_eq!(diverging(1.0), egui::Color32::from_rgb(255, 55, 55));
        assert_eq!(diverging(-1.0), egui::Color32::from_rgb(55, 95, 255));
        assert_eq!(diverging(f64::NAN), egui::Color32::from_gray(90));
    }
}
