using System.Globalization;
using System.Text;

namespace TalknShop.Orchestrator.Benchmarks.Load;

/// <summary>
/// p99 turn latency against offered turns/s, service (and optionally an earlier build of it) and echo baseline, both axes logarithmic
/// (the steps double, and the two servers are two orders of magnitude apart), with the 50 ms
/// target as a line. Plain SVG text, so the chart needs no plotting dependency.
/// </summary>
internal static class KneeChart
{
    public sealed record Point(double Offered, double P99);

    private const double Width = 720, Height = 440, Left = 70, Right = 150, Top = 50, Bottom = 60;
    private const double TargetMs = 50;

    public static void Write(string path, string subtitle, IReadOnlyList<Point> service, IReadOnlyList<Point> echo, IReadOnlyList<Point>? before = null)
    {
        before ??= [];
        var all = service.Concat(echo).Concat(before).Where(p => p.P99 > 0 && p.Offered > 0).ToList();
        if (all.Count == 0)
        {
            return;
        }

        var (xMin, xMax) = (all.Min(p => p.Offered) / 1.3, all.Max(p => p.Offered) * 1.3);
        var (yMin, yMax) = (Decade(Math.Min(all.Min(p => p.P99), TargetMs), floor: true), Decade(Math.Max(all.Max(p => p.P99), TargetMs), floor: false));
        double X(double v) => Left + (Math.Log10(v) - Math.Log10(xMin)) / (Math.Log10(xMax) - Math.Log10(xMin)) * (Width - Left - Right);
        double Y(double v) => Height - Bottom - (Math.Log10(v) - Math.Log10(yMin)) / (Math.Log10(yMax) - Math.Log10(yMin)) * (Height - Top - Bottom);

        var svg = new StringBuilder();
        svg.Append(F($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">\n"));
        svg.Append(F($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n"));
        svg.Append(F($"<text x=\"{Left}\" y=\"22\" font-size=\"15\" font-weight=\"bold\">p99 turn latency against offered load</text>\n"));
        svg.Append(F($"<text x=\"{Left}\" y=\"40\" fill=\"#555\">{Escape(subtitle)}</text>\n"));

        for (var decade = yMin; decade < yMax * 1.01; decade *= 10)
        {
            foreach (var m in new[] { 1, 2, 5 })
            {
                var v = decade * m;
                if (v > yMax * 1.01)
                {
                    break;
                }

                svg.Append(F($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(v):0.0}\" y2=\"{Y(v):0.0}\" stroke=\"#e5e5e5\"/>\n"));
                svg.Append(F($"<text x=\"{Left - 6}\" y=\"{Y(v) + 4:0.0}\" text-anchor=\"end\">{v:0.###}</text>\n"));
            }
        }

        foreach (var v in all.Select(p => p.Offered).Distinct().Order())
        {
            svg.Append(F($"<line x1=\"{X(v):0.0}\" x2=\"{X(v):0.0}\" y1=\"{Top}\" y2=\"{Height - Bottom}\" stroke=\"#e5e5e5\"/>\n"));
            svg.Append(F($"<text x=\"{X(v):0.0}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{v:0}</text>\n"));
        }

        svg.Append(F($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Width - Left - Right}\" height=\"{Height - Top - Bottom}\" fill=\"none\" stroke=\"#333\"/>\n"));
        svg.Append(F($"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 18}\" text-anchor=\"middle\">offered turns/s (shoppers / think time, log scale)</text>\n"));
        svg.Append(F($"<text transform=\"translate(18 {(Top + Height - Bottom) / 2}) rotate(-90)\" text-anchor=\"middle\">p99 turn latency, ms (log scale)</text>\n"));

        svg.Append(F($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(TargetMs):0.0}\" y2=\"{Y(TargetMs):0.0}\" stroke=\"#d62728\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n"));
        Series(svg, before, "#ff7f0e", X, Y, labels: true);
        Series(svg, service, "#1f77b4", X, Y, labels: true);
        Series(svg, echo, "#7f7f7f", X, Y, labels: false);

        var lx = Width - Right + 12;
        Legend(svg, lx, Top + 10, "#1f77b4", "service", dashed: false);
        Legend(svg, lx, Top + 30, "#7f7f7f", "echo baseline", dashed: false);
        Legend(svg, lx, Top + 50, "#d62728", "50 ms target", dashed: true);
        if (before.Count > 0)
        {
            Legend(svg, lx, Top + 70, "#ff7f0e", "service before", dashed: false);
        }
        svg.Append("</svg>\n");

        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir)
        {
            Directory.CreateDirectory(dir);
        }

        File.WriteAllText(path, svg.ToString());
        Console.WriteLine($"chart: {Path.GetFullPath(path)}");
    }

    private static void Series(StringBuilder svg, IReadOnlyList<Point> points, string color, Func<double, double> x, Func<double, double> y, bool labels)
    {
        var valid = points.Where(p => p.P99 > 0).ToList();
        if (valid.Count == 0)
        {
            return;
        }

        svg.Append(F($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{string.Join(' ', valid.Select(p => F($"{x(p.Offered):0.0},{y(p.P99):0.0}")))}\"/>\n"));
        foreach (var p in valid)
        {
            svg.Append(F($"<circle cx=\"{x(p.Offered):0.0}\" cy=\"{y(p.P99):0.0}\" r=\"3.5\" fill=\"{color}\"/>\n"));
            if (labels)
            {
                svg.Append(F($"<text x=\"{x(p.Offered) + 6:0.0}\" y=\"{y(p.P99) - 6:0.0}\" fill=\"{color}\" font-size=\"11\">{(p.P99 < 100 ? p.P99.ToString("0.#", CultureInfo.InvariantCulture) : p.P99.ToString("0", CultureInfo.InvariantCulture))}</text>\n"));
            }
        }
    }

    private static void Legend(StringBuilder svg, double x, double y, string color, string text, bool dashed)
    {
        svg.Append(F($"<line x1=\"{x}\" x2=\"{x + 24}\" y1=\"{y}\" y2=\"{y}\" stroke=\"{color}\" stroke-width=\"2\"{(dashed ? " stroke-dasharray=\"6 4\"" : "")}/>\n"));
        svg.Append(F($"<text x=\"{x + 30}\" y=\"{y + 4}\">{text}</text>\n"));
    }

    private static double Decade(double v, bool floor) =>
        Math.Pow(10, floor ? Math.Floor(Math.Log10(v)) : Math.Ceiling(Math.Log10(v)));

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string s) => s.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);
}
