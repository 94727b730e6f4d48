using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using PhotoFF.Imaging;

namespace PhotoFF.Commands;

/// <summary>Tab completion of color names for color parameters.</summary>
public sealed class RgbaCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string prefix = wordToComplete.Trim('\'', '"');
        return NamedColors.Names
            .Where(name => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.OrdinalIgnoreCase)
            .Select(name => new CompletionResult(name, name, CompletionResultType.ParameterValue, name));
    }
}
