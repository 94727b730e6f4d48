using System.Management.Automation;
using PhotoFF.Imaging;

namespace PhotoFF.Commands;

/// <summary>Remove-CudaImage: disposes images now, returning their buffers to the pool. -WhatIf lists them instead.</summary>
[Cmdlet(VerbsCommon.Remove, "CudaImage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.Cmdlets)]
[OutputType(typeof(void))]
public sealed class RemoveCudaImageCommand : PhotoFFCommand
{
    [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0)]
    [AllowNull]
    public CudaImage?[] InputObject { get; set; } = [];

    protected override void ProcessRecord()
    {
        foreach (CudaImage? image in InputObject)
        {
            if (image is { IsDisposed: false } && ShouldProcess(image.ToString(), "Dispose the image and return its buffer to the pool"))
            {
                image.Dispose();
            }
        }
    }
}
