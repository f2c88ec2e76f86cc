//! A bar chart drawn on the server as SVG: the geometry here, the markup in
//! `templates/public/statistics_chart.html`. The chart has a title and a description for
//! assistive technology, and the same numbers are in the table next to it.

use crate::domain::statistics::Count;

/// The drawing's size in SVG units; it scales to the width of the page.
pub const WIDTH: u32 = 640;
pub const HEIGHT: u32 = 240;
const PLOT_TOP: u32 = 16;
const PLOT_BOTTOM: u32 = 200;
const LEFT: u32 = 8;

pub struct Bar {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
    /// `received` or `on-time`: the series, for the colour and the legend.
    pub series: &'static str,
    /// What a pointer hovering the bar reads.
    pub label: String,
}

pub struct Tick {
    pub x: u32,
    pub text: String,
}

pub struct Chart {
    pub id: &'static str,
    pub title: String,
    pub description: String,
    pub bars: Vec<Bar>,
    pub ticks: Vec<Tick>,
    pub axis_y: u32,
    pub width: u32,
    pub height: u32,
}

/// One bar of a group: its series, the series' name, and the count.
pub type Value = (&'static str, String, Count);

/// One group per label, one bar per series in each.
pub fn grouped(
    id: &'static str,
    title: String,
    description: String,
    groups: &[(String, Vec<Value>)],
) -> Chart {
    let max = groups
        .iter()
        .flat_map(|(_, bars)| bars.iter().map(|(_, _, c)| c.value()))
        .max()
        .unwrap_or(0)
        .max(1);
    let n = u32::try_from(groups.len().max(1)).unwrap_or(1);
    let slot = (WIDTH - 2 * LEFT) / n;
    let per_group = groups.first().map_or(1, |(_, b)| b.len().max(1));
    let per_group = u32::try_from(per_group).unwrap_or(1);
    let bar_width = (slot.saturating_sub(6) / per_group).max(2);
    let plot = u64::from(PLOT_BOTTOM - PLOT_TOP);
    let mut bars = Vec::new();
    let mut ticks = Vec::new();
    for ((label, series), i) in groups.iter().zip(0u32..) {
        let x0 = LEFT + i * slot + 3;
        for ((key, name, count), j) in series.iter().zip(0u32..) {
            let height = u32::try_from(count.value() * plot / max).unwrap_or(0);
            bars.push(Bar {
                x: x0 + j * bar_width,
                y: PLOT_BOTTOM - height,
                width: bar_width.saturating_sub(1),
                height,
                series: key,
                label: format!("{label}: {name} {count}"),
            });
        }
        ticks.push(Tick {
            x: x0 + slot / 2 - 3,
            text: label.clone(),
        });
    }
    Chart {
        id,
        title,
        description,
        bars,
        ticks,
        axis_y: PLOT_BOTTOM,
        width: WIDTH,
        height: HEIGHT,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_and_hidden_counts_draw_nothing() {
        let groups = vec![
            (
                "10.2026".to_string(),
                vec![
                    ("received", "received".to_string(), Count::Exact(20)),
                    ("on-time", "on time".to_string(), Count::Exact(10)),
                ],
            ),
            (
                "11.2026".to_string(),
                vec![
                    ("received", "received".to_string(), Count::FewerThanFive),
                    ("on-time", "on time".to_string(), Count::Exact(0)),
                ],
            ),
        ];
        let chart = grouped("c", "t".into(), "d".into(), &groups);
        assert_eq!(chart.bars.len(), 4);
        let heights: Vec<u32> = chart.bars.iter().map(|b| b.height).collect();
        assert_eq!(
            heights,
            [PLOT_BOTTOM - PLOT_TOP, (PLOT_BOTTOM - PLOT_TOP) / 2, 0, 0]
        );
        assert!(chart.bars.iter().all(|b| b.y + b.height == PLOT_BOTTOM));
        assert_eq!(chart.bars[2].label, "11.2026: received < 5");
        assert!(chart.bars.iter().all(|b| b.x + b.width <= WIDTH));
    }
}
