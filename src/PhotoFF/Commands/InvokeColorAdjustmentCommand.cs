using System.Management.Automation;
using PhotoFF.Imaging;
using PhotoFF.Imaging.Operations;

namespace PhotoFF.Commands;

/// <summary>Invoke-ColorAdjustment: brightness, contrast, gamma, invert and saturation, in place.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "ColorAdjustment", HelpUri = HelpLinks.Cmdlets)]
[OutputType(typeof(CudaImage))]
public sealed class InvokeColorAdjustmentCommand : ImageOperationCommand
{
    /// <summary>-1 (black) to 1 (white), added as a share of 255; 0 by default.</summary>
    [Parameter]
    [ValidateRange(-1.0, 1.0)]
    public double Brightness { get; set; }

    /// <summary>-1 (flat gray) to 1 (a threshold); 0 by default.</summary>
    [Parameter]
    [ValidateRange(-1.0, 1.0)]
    public double Contrast { get; set; }

    /// <summary>0 (gray) to 10; 1 by default.</summary>
    [Parameter]
    [ValidateRange(0.0, ColorAdjustment.MaxSaturation)]
    public double Saturation { get; set; } = 1;

    /// <summary>0.01 to 100; above 1 brightens the midtones; 1 by default.</summary>
    [Parameter]
    [ValidateRange(ColorAdjustment.MinGamma, ColorAdjustment.MaxGamma)]
    public double Gamma { get; set; } = 1;

    [Parameter]
    public SwitchParameter Invert { get; set; }

    protected override string ErrorId => "ColorAdjustmentFailed";

    protected override void Apply(CudaImage image) => new ColorAdjustment(Brightness, Contrast, Saturation, Gamma, Invert).Apply(image);
}
