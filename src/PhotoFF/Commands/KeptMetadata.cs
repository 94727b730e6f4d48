using System.Management.Automation;
using PhotoFF.Imaging;
using PhotoFF.Imaging.Metadata;

namespace PhotoFF.Commands;

/// <summary>What -KeepMetadata and -ExcludeMetadata of Export-CudaImage and ConvertFrom-CudaImage keep of an image's
/// metadata.</summary>
internal static class KeptMetadata
{
    /// <summary>Refuses -ExcludeMetadata without -KeepMetadata before any work: without it nothing is kept, and the
    /// user most likely meant to keep the rest.</summary>
    public static void Validate(PSCmdlet cmdlet, bool keep, MetadataGroup[] exclude)
    {
        if (!keep && exclude.Length > 0)
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(
                new ArgumentException("-ExcludeMetadata says what to leave out of the metadata that -KeepMetadata keeps; without -KeepMetadata no metadata is written at all. Add -KeepMetadata."),
                "ExcludeMetadataWithoutKeepMetadata", ErrorCategory.InvalidArgument, exclude));
        }
    }

    /// <summary>The metadata to write with <paramref name="image"/>; what could not be edited safely is left out and
    /// reported through <paramref name="warn"/>.</summary>
    public static ImageMetadata Select(CudaImage image, bool keep, MetadataGroup[] exclude, Action<string> warn)
    {
        if (!keep)
        {
            return ImageMetadata.None;
        }

        List<string> notes = [];
        ImageMetadata kept = image.Metadata.Without(exclude, notes);
        notes.ForEach(warn);
        return kept;
    }
}
