using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Language;
using PhotoFF.Cuda;
using PhotoFF.Imaging;

namespace PhotoFF.Commands;

/// <summary>Tab completion for -Device: All, then the ordinal of each CUDA device (none where CUDA is not usable).</summary>
public sealed class DeviceCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string prefix = wordToComplete.Trim('\'', '"');
        List<(string Value, string Tooltip)> choices = [(DeviceChoice.All.ToString(), "Every CUDA device: each image to the one with the least work queued")];
        if (BackendSelector.CudaAvailable(out _))
        {
            for (int ordinal = 0; ordinal < Math.Min(CudaDriver.DeviceCount, DeviceChoice.MaxOrdinal + 1); ordinal++)
            {
                choices.Add((ordinal.ToString(CultureInfo.InvariantCulture), $"CUDA device {ordinal}: {CudaDevice.Get(ordinal).Name}"));
            }
        }

        return choices
            .Where(choice => choice.Value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(choice => new CompletionResult(choice.Value, choice.Value, CompletionResultType.ParameterValue, choice.Tooltip));
    }
}
