using System.Management.Automation;
using PhotoFF.Codecs;
using PhotoFF.Imaging;

namespace PhotoFF.Commands;

/// <summary>New-TextImage: text rendered with pango through libvips, cropped to the ink, in one color.</summary>
[Cmdlet(VerbsCommon.New, "TextImage", HelpUri = HelpLinks.Cmdlets)]
[OutputType(typeof(CudaImage))]
public sealed class NewTextImageCommand : PhotoFFCommand
{
    /// <summary>The text; new lines start new lines. From the pipeline, one image per string.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    public string Text { get; set; } = string.Empty;

    /// <summary>An installed font family, optionally with pango style words ("DejaVu Sans Bold"), or a font file path.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Font { get; set; } = TextOptions.DefaultFont;

    /// <summary>The font size in points; at the default 72 dpi a point is a pixel.</summary>
    [Parameter]
    [ValidateRange(0.5, TextOptions.MaxSize)]
    public double Size { get; set; } = TextOptions.DefaultSize;

    [Parameter]
    [RgbaTransformation]
    [ArgumentCompleter(typeof(RgbaCompleter))]
    public Rgba Color { get; set; } = Rgba.Black;

    /// <summary>Wraps lines at word boundaries to fit this many pixels.</summary>
    [Parameter]
    [ValidateRange(1, 1 << 20)]
    public int Width { get; set; }

    [Parameter]
    public TextAlignment Align { get; set; } = TextAlignment.Left;

    [Parameter]
    [ValidateRange(1, TextOptions.MaxDpi)]
    public int Dpi { get; set; } = TextOptions.DefaultDpi;

    /// <summary>Reads the text as pango markup (&lt;b&gt;, &lt;i&gt;, &lt;span size=...&gt;).</summary>
    [Parameter]
    public SwitchParameter Markup { get; set; }

    /// <summary>The CUDA device ordinal; the default backend when omitted.</summary>
    [Parameter]
    [ValidateRange(0, 63)]
    [PSDefaultValue(Help = "The default backend")]
    public int Device { get; set; } = -1;

    protected override void ProcessRecord()
    {
        string font = TextRenderer.IsFontFile(Font) ? SessionState.Path.GetUnresolvedProviderPathFromPSPath(Font) : Font;
        TextOptions options = new()
        {
            Font = font,
            Size = Size,
            Width = MyInvocation.BoundParameters.ContainsKey(nameof(Width)) ? Width : null,
            Align = Align,
            Dpi = Dpi,
            Markup = Markup.IsPresent,
        };

        try
        {
            WriteObject(TextRenderer.RenderImage(Text, options, Color, SelectBackend(Device < 0 ? null : Device)));
        }
        catch (FontNotFoundException error)
        {
            WriteItemError(error, "FontNotFound", ErrorCategory.ObjectNotFound, Font);
        }
        catch (Exception error) when (error is not PipelineStoppedException)
        {
            WriteItemError(error, "NewTextImageFailed", ErrorCategory.InvalidArgument, Text);
        }
    }
}
