using PhotoFF.Codecs;
using PhotoFF.Imaging;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Operations;

/// <summary>Text through libvips and pango. Needs the DejaVu fonts (Debian/Ubuntu: fonts-dejavu-core).</summary>
public sealed class TextTests
{
    private const string DejaVuSansFile = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    /// <summary>The measurements below are DejaVu's; a machine without it (the GPU machine has no fonts) skips them.</summary>
    private static void RequireDejaVu()
    {
        if (!File.Exists(DejaVuSansFile))
        {
            Assert.Skip($"{DejaVuSansFile} is not installed (Debian/Ubuntu: fonts-dejavu-core; .ci/run installs it).");
        }
    }
    private const string Sentence = "The quick brown fox jumps over the lazy dog";

    [Fact]
    public void Text_renders_cropped_to_its_ink()
    {
        RequireDejaVu();
        (byte[] coverage, int width, int height) = TextRenderer.RenderCoverage("Hello, world", new TextOptions { Size = 24 });
        Assert.InRange(width, 60, 400);
        Assert.InRange(height, 10, 40);
        Assert.Contains(coverage, c => c == 255);
        Assert.True(coverage.AsSpan(0, width).ContainsAnyExcept((byte)0), "top row empty");
        Assert.True(coverage.AsSpan((height - 1) * width, width).ContainsAnyExcept((byte)0), "bottom row empty");
        Assert.Contains(Enumerable.Range(0, height), y => coverage[y * width] != 0);
        Assert.Contains(Enumerable.Range(0, height), y => coverage[y * width + width - 1] != 0);
    }

    [Fact]
    public void The_color_is_applied_with_alpha_from_the_coverage()
    {
        RequireDejaVu();
        Rgba color = new(200, 30, 60, 128);
        using CudaImage image = TextRenderer.RenderImage("Ag", new TextOptions { Size = 40 }, color, TestBackends.Cpu);
        (byte[] coverage, int width, int height) = TextRenderer.RenderCoverage("Ag", new TextOptions { Size = 40 });
        Assert.Equal((width, height), (image.Width, image.Height));
        byte[] pixels = image.ToArray();
        for (int i = 0; i < coverage.Length; i++)
        {
            int alpha = (int)Math.Round(coverage[i] * 128 / 255.0, MidpointRounding.AwayFromZero);
            Assert.Equal(alpha, pixels[i * 4 + 3]);
            Assert.Equal(alpha == 0 ? new byte[] { 0, 0, 0 } : [200, 30, 60], pixels.AsSpan(i * 4, 3).ToArray());
        }

        Assert.Equal(128, pixels.Where((_, i) => i % 4 == 3).Max());
    }

    [Fact]
    public void Wrapping_at_a_width_makes_the_text_taller_and_narrower()
    {
        RequireDejaVu();
        (_, int width, int height) = TextRenderer.RenderCoverage(Sentence, new TextOptions());
        (_, int wrappedWidth, int wrappedHeight) = TextRenderer.RenderCoverage(Sentence, new TextOptions { Width = 150 });
        Assert.True(wrappedWidth <= 150, $"wrapped width {wrappedWidth}");
        Assert.True(wrappedWidth < width);
        Assert.True(wrappedHeight > 2 * height, $"{wrappedHeight} vs {height}");
    }

    [Fact]
    public void The_size_is_in_points_which_are_pixels_at_72_dpi()
    {
        RequireDejaVu();
        (_, _, int small) = TextRenderer.RenderCoverage("H", new TextOptions { Size = 50 });
        (_, _, int large) = TextRenderer.RenderCoverage("H", new TextOptions { Size = 100 });
        (_, _, int dense) = TextRenderer.RenderCoverage("H", new TextOptions { Size = 50, Dpi = 144 });
        Assert.InRange(small, 34, 40); // DejaVu's capital H is 0.729 em high.
        Assert.InRange(large, 2 * small - 2, 2 * small + 2);
        Assert.InRange(dense, 2 * small - 2, 2 * small + 2);
    }

    [Fact]
    public void Alignment_moves_short_lines()
    {
        RequireDejaVu();
        static int LeftmostInkOfLastLine(TextAlignment align)
        {
            (byte[] coverage, int width, int height) = TextRenderer.RenderCoverage("wide first line\nx", new TextOptions { Align = align });
            return coverage.AsSpan((height - 1) * width, width).IndexOfAnyExcept((byte)0);
        }

        int left = LeftmostInkOfLastLine(TextAlignment.Left);
        int centre = LeftmostInkOfLastLine(TextAlignment.Centre);
        int right = LeftmostInkOfLastLine(TextAlignment.Right);
        Assert.True(left < centre && centre < right, $"{left} {centre} {right}");
    }

    [Fact]
    public void Families_and_font_files_are_honoured()
    {
        RequireDejaVu();
        (byte[] sans, _, _) = TextRenderer.RenderCoverage("Type", new TextOptions { Font = "DejaVu Sans" });
        (byte[] serif, _, _) = TextRenderer.RenderCoverage("Type", new TextOptions { Font = "DejaVu Serif" });
        (byte[] file, _, _) = TextRenderer.RenderCoverage("Type", new TextOptions { Font = DejaVuSansFile });
        Assert.NotEqual(sans, serif);
        Assert.Equal(sans, file);
        Assert.Equal(("DejaVu Sans", DejaVuSansFile), TextRenderer.ResolveFont(DejaVuSansFile));
        Assert.Equal(("DejaVu Sans Bold", null), TextRenderer.ResolveFont("DejaVu Sans Bold"));
        Assert.Equal(("sans-serif", null), TextRenderer.ResolveFont("sans-serif"));
    }

    [Fact]
    public void A_missing_font_is_a_clear_error()
    {
        Assert.SkipUnless(FontConfig.IsAvailable, "libfontconfig.so.1 is not installed, so families cannot be checked");
        FontNotFoundException family = Assert.Throws<FontNotFoundException>(() => TextRenderer.RenderCoverage("x", new TextOptions { Font = "No Such Family PhotoFF" }));
        Assert.Contains("'No Such Family PhotoFF' is not installed", family.Message);
        Assert.Contains("instead", family.Message);
    }

    [Fact]
    public void A_missing_or_invalid_font_file_is_a_clear_error()
    {
        FontNotFoundException missing = Assert.Throws<FontNotFoundException>(() => TextRenderer.RenderCoverage("x", new TextOptions { Font = "/nowhere/font.ttf" }));
        Assert.Contains("'/nowhere/font.ttf' does not exist", missing.Message);
        string notAFont = Path.Combine(Path.GetTempPath(), $"photoff-{Guid.NewGuid():N}.ttf");
        File.WriteAllText(notAFont, "not a font at all");
        try
        {
            FontNotFoundException invalid = Assert.Throws<FontNotFoundException>(() => TextRenderer.RenderCoverage("x", new TextOptions { Font = notAFont }));
            Assert.Contains("is not a TrueType or OpenType font", invalid.Message);
        }
        finally
        {
            File.Delete(notAFont);
        }
    }

    [Fact]
    public void Plain_text_is_not_markup_unless_asked()
    {
        RequireDejaVu();
        (_, int width, _) = TextRenderer.RenderCoverage("a < b & <b>c</b>", new TextOptions());
        (_, int bold, _) = TextRenderer.RenderCoverage("<b>c</b>", new TextOptions { Markup = true });
        (_, int plain, _) = TextRenderer.RenderCoverage("c", new TextOptions());
        Assert.InRange(width, 100, 300);
        Assert.True(bold > plain);
        Assert.Throws<ArgumentException>(() => TextRenderer.RenderCoverage("   ", new TextOptions()));
    }
}
