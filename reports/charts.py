"""The report's charts, drawn on the server: as SVG for the page (no script, no CDN) and as PNG (Pillow) for the
Word report. One kind of chart serves every figure: horizontal bars, stacked by series (cá nhân, tập thể), each
bar labelled with its total."""

import io
from dataclasses import dataclass
from html import escape

from core.money import format_money

COLORS = ("#1f5fa8", "#e08a1e", "#3c8d40", "#a33b3b")
FONTS = ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
         "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
         "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf")
BOLD_FONTS = ("/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
              "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
              "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf")


@dataclass
class Chart:
    key: str                  # an id on the page
    title: str
    labels: list[str]         # one per bar
    series: list[tuple]       # (name, [value per bar])
    money: bool = False

    def totals(self):
        return [sum(values[i] for _, values in self.series) for i in range(len(self.labels))]

    def text(self, value):
        return format_money(value) if self.money else f"{value:,}".replace(",", ".")


def _fit(label, limit=30):
    return label if len(label) <= limit else label[: limit - 1] + "…"


# --- SVG ------------------------------------------------------------------------------------------

def svg(chart: Chart, width=640) -> str:
    """The chart as an inline SVG element (role img, with a title; each bar's figures in its <title>)."""
    bar, gap, left, top = 22, 10, 230, 34
    right = 110
    n = len(chart.labels)
    legend = 26 if len(chart.series) > 1 else 0
    height = top + n * (bar + gap) + legend + 8
    totals = chart.totals()
    peak = max(totals or [0]) or 1
    scale = (width - left - right) / peak
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="bieu-do-{escape(chart.key)}" role="img" '
           f'viewBox="0 0 {width} {height}" width="100%" aria-labelledby="bieu-do-{escape(chart.key)}-ten">',
           f'<title id="bieu-do-{escape(chart.key)}-ten">{escape(chart.title)}</title>',
           f'<text x="0" y="18" font-size="15" font-weight="bold" fill="#222">{escape(chart.title)}</text>']
    for i, label in enumerate(chart.labels):
        y = top + i * (bar + gap)
        out.append(f'<text x="{left - 8}" y="{y + bar * 0.7:.1f}" font-size="12.5" text-anchor="end" fill="#333">'
                   f'{escape(_fit(label))}</text>')
        x = left
        for s, (name, values) in enumerate(chart.series):
            w = values[i] * scale
            if w > 0:
                out.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar}" fill="{COLORS[s % len(COLORS)]}">'
                           f'<title>{escape(label)} — {escape(name)}: {escape(chart.text(values[i]))}</title></rect>')
            x += w
        out.append(f'<text x="{x + 6:.1f}" y="{y + bar * 0.7:.1f}" font-size="12.5" fill="#222">'
                   f'{escape(chart.text(totals[i]))}</text>')
    if legend:
        y = top + n * (bar + gap) + 6
        x = left
        for s, (name, _values) in enumerate(chart.series):
            out.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{COLORS[s % len(COLORS)]}"/>'
                       f'<text x="{x + 17}" y="{y + 11}" font-size="12.5" fill="#333">{escape(name)}</text>')
            x += 30 + 8 * len(name)
    out.append("</svg>")
    return "".join(out)


# --- PNG ------------------------------------------------------------------------------------------

def _font(size, bold=False):
    from PIL import ImageFont

    for path in (BOLD_FONTS if bold else FONTS):
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def png(chart: Chart, width=1600) -> bytes:
    """The same chart as a PNG image (drawn at twice the size it is printed, for a sharp page)."""
    from PIL import Image, ImageDraw

    k = width / 640
    bar, gap, left, top, right = int(22 * k), int(10 * k), int(230 * k), int(34 * k), int(110 * k)
    n = len(chart.labels)
    legend = int(26 * k) if len(chart.series) > 1 else 0
    height = top + n * (bar + gap) + legend + int(8 * k)
    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    title_font, font = _font(int(15 * k), bold=True), _font(int(12.5 * k))
    draw.text((0, int(4 * k)), chart.title, font=title_font, fill="#222222")
    totals = chart.totals()
    peak = max(totals or [0]) or 1
    scale = (width - left - right) / peak
    for i, label in enumerate(chart.labels):
        y = top + i * (bar + gap)
        text = _fit(label)
        w = draw.textlength(text, font=font)
        draw.text((left - int(8 * k) - w, y + bar * 0.15), text, font=font, fill="#333333")
        x = left
        for s, (_name, values) in enumerate(chart.series):
            bw = values[i] * scale
            if bw > 0:
                draw.rectangle([x, y, x + bw, y + bar], fill=COLORS[s % len(COLORS)])
            x += bw
        draw.text((x + int(6 * k), y + bar * 0.15), chart.text(totals[i]), font=font, fill="#222222")
    if legend:
        y = top + n * (bar + gap) + int(6 * k)
        x = left
        for s, (name, _values) in enumerate(chart.series):
            draw.rectangle([x, y, x + int(12 * k), y + int(12 * k)], fill=COLORS[s % len(COLORS)])
            draw.text((x + int(17 * k), y - int(1 * k)), name, font=font, fill="#333333")
            x += int(17 * k) + draw.textlength(name, font=font) + int(20 * k)
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


# --- the report's charts ------------------------------------------------------------------------

PEOPLE = "Cá nhân"
COLLECTIVES = "Tập thể"


def _stacked(key, title, lines, money=False):
    if money:
        return Chart(key, title, [line.label for line in lines], [("Tiền thưởng", [line.money for line in lines])], money=True)
    return Chart(key, title, [line.label for line in lines],
                 [(PEOPLE, [line.individuals for line in lines]), (COLLECTIVES, [line.collectives for line in lines])])


def report_charts(report, max_units=15) -> list[Chart]:
    """The charts of a year's report: by award, by level, years compared (counts and money), and the units with
    the most awards."""
    year = report["year"]
    charts = []
    if report["by_award"]:
        charts.append(_stacked("khen-thuong", f"Số danh hiệu, hình thức khen thưởng năm {year}", report["by_award"]))
    if report["by_level"]:
        charts.append(_stacked("cap", f"Khen thưởng năm {year} theo cấp quyết định", report["by_level"]))
    if report["years"]:
        charts.append(_stacked("cac-nam", "Số khen thưởng qua các năm", report["years"]))
        if any(line.money for line in report["years"]):
            charts.append(_stacked("tien-cac-nam", "Tiền thưởng qua các năm", report["years"], money=True))
    units = sorted(report["per_unit"], key=lambda line: -line.total)[:max_units]
    if len(units) > 1:
        title = (f"{len(units)} đơn vị có nhiều khen thưởng nhất năm {year}" if len(report["per_unit"]) > max_units
                 else f"Khen thưởng năm {year} theo đơn vị")
        charts.append(_stacked("don-vi", title, units))
    return charts
