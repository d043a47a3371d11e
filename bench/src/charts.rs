//! The charts (SVG): run-time ratios per case, and memory against the number of instances.

use std::path::Path;

use anyhow::anyhow;
use plotters::prelude::*;

use crate::debugcost::MemoryResults;
use crate::runtime::RatioResults;

/// The target for a case, if it has one.
fn target(case: &str) -> Option<f64> {
    if case.starts_with("debug-detached") {
        Some(1.5)
    } else if case.starts_with("debug-bp-unrelated") {
        Some(2.5)
    } else if case.starts_with("debug-bp-same") {
        Some(3.0)
    } else {
        None
    }
}

/// Bars of each case's run time relative to `no-debug` (and of the JIT peers'), with the
/// targets marked.
pub fn ratios(path: &Path, r: &RatioResults) -> anyhow::Result<()> {
    let mut bars: Vec<(String, f64, RGBColor)> =
        vec![("no-debug".into(), 1.0, RGBColor(90, 90, 90))];
    for (case, v) in &r.ratios {
        let color = if case.ends_with("-inline") {
            RGBColor(214, 120, 40)
        } else {
            RGBColor(40, 110, 190)
        };
        bars.push((case.clone(), *v, color));
    }
    for (peer, v) in &r.peers {
        if peer.starts_with("v8-") || peer == "wasmtime" {
            // The peer's time relative to Breakwater's no-debug time.
            bars.push((peer.clone(), 1.0 / v, RGBColor(150, 150, 150)));
        }
    }
    let ymax = bars
        .iter()
        .map(|b| b.1)
        .chain([3.0])
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max)
        * 1.15;
    let n = bars.len();
    let root = SVGBackend::new(path, (1100, 560)).into_drawing_area();
    root.fill(&WHITE).map_err(|e| anyhow!("{e}"))?;
    let mut chart = ChartBuilder::on(&root)
        .caption(
            format!(
                "{}: run time relative to no-debug (blue: fall-through, orange: inline call, \
                 grey: no-debug and peers; red: the issue's targets)",
                r.group
            ),
            ("sans-serif", 15),
        )
        .margin(12)
        .x_label_area_size(170)
        .y_label_area_size(50)
        .build_cartesian_2d(0f64..n as f64, 0f64..ymax)
        .map_err(|e| anyhow!("{e}"))?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .disable_x_axis()
        .max_light_lines(1)
        .y_desc("x no-debug time")
        .draw()
        .map_err(|e| anyhow!("{e}"))?;
    chart
        .draw_series(bars.iter().enumerate().map(|(i, (_, v, c))| {
            Rectangle::new([(i as f64 + 0.15, 0.0), (i as f64 + 0.85, *v)], c.filled())
        }))
        .map_err(|e| anyhow!("{e}"))?;
    chart
        .draw_series(bars.iter().enumerate().map(|(i, (_, v, _))| {
            Text::new(
                format!("{v:.2}"),
                (i as f64 + 0.2, v + ymax * 0.03),
                ("sans-serif", 12).into_font(),
            )
        }))
        .map_err(|e| anyhow!("{e}"))?;
    chart
        .draw_series(bars.iter().enumerate().filter_map(|(i, (name, _, _))| {
            target(name).map(|t| {
                PathElement::new(
                    vec![(i as f64 + 0.05, t), (i as f64 + 0.95, t)],
                    RED.stroke_width(2),
                )
            })
        }))
        .map_err(|e| anyhow!("{e}"))?;
    chart
        .draw_series(bars.iter().enumerate().map(|(i, (name, _, _))| {
            Text::new(
                name.clone(),
                (i as f64 + 0.4, -ymax * 0.02),
                ("sans-serif", 12)
                    .into_font()
                    .transform(FontTransform::Rotate90),
            )
        }))
        .map_err(|e| anyhow!("{e}"))?;
    root.present().map_err(|e| anyhow!("{e}"))?;
    Ok(())
}

/// Code, debugger data and their sum (MB) against the number of debugged instances.
pub fn memory(path: &Path, m: &MemoryResults) -> anyhow::Result<()> {
    let mb = |b: usize| b as f64 / 1e6;
    // x is log2(N): 1, 8 and 64 instances sit at 0, 3 and 6.
    let log2 = |n: usize| (n.max(1) as f64).log2();
    let xmax = m.points.iter().map(|p| log2(p.0)).fold(1.0, f64::max);
    let ymax = m.points.iter().map(|p| mb(p.1 + p.2)).fold(0.0, f64::max) * 1.15 + 1e-3;
    let root = SVGBackend::new(path, (900, 520)).into_drawing_area();
    root.fill(&WHITE).map_err(|e| anyhow!("{e}"))?;
    let mut chart = ChartBuilder::on(&root)
        .caption(
            "Memory of N debugged instances of the generated module, on N threads",
            ("sans-serif", 18),
        )
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(60)
        .build_cartesian_2d(-0.3f64..xmax + 0.3, 0f64..ymax)
        .map_err(|e| anyhow!("{e}"))?;
    chart
        .configure_mesh()
        .x_desc("instances, each on its own thread (log scale)")
        .y_desc("MB")
        .x_labels(xmax as usize + 1)
        .x_label_formatter(&|x| format!("{:.0}", 2f64.powf(*x)))
        .max_light_lines(1)
        .draw()
        .map_err(|e| anyhow!("{e}"))?;
    type Value = Box<dyn Fn(&(usize, usize, usize)) -> f64>;
    let series: [(&str, RGBColor, Value); 3] = [
        (
            "code + debugger data",
            RGBColor(90, 90, 90),
            Box::new(move |p| mb(p.1 + p.2)),
        ),
        (
            "code (shared)",
            RGBColor(40, 110, 190),
            Box::new(move |p| mb(p.1)),
        ),
        (
            "debugger data",
            RGBColor(214, 120, 40),
            Box::new(move |p| mb(p.2)),
        ),
    ];
    for (label, color, value) in series {
        let pts: Vec<(f64, f64)> = m.points.iter().map(|p| (log2(p.0), value(p))).collect();
        chart
            .draw_series(LineSeries::new(pts.clone(), color.stroke_width(2)))
            .map_err(|e| anyhow!("{e}"))?
            .label(label)
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(2))
            });
        chart
            .draw_series(
                pts.iter()
                    .map(|&(x, y)| Circle::new((x, y), 4, color.filled())),
            )
            .map_err(|e| anyhow!("{e}"))?;
    }
    chart
        .configure_series_labels()
        .background_style(WHITE.mix(0.8))
        .border_style(BLACK)
        .position(SeriesLabelPosition::UpperLeft)
        .draw()
        .map_err(|e| anyhow!("{e}"))?;
    root.present().map_err(|e| anyhow!("{e}"))?;
    Ok(())
}
