using System.Management.Automation;

namespace PhotoFF.Host;

/// <summary>
/// Writes an error record on standard error: the command and the message, then the error id and the target, which
/// say which item failed and why in a form that scripts and people can search for.
/// </summary>
public static class ErrorRenderer
{
    public static IEnumerable<string> Lines(ErrorRecord record)
    {
        string message = record.ErrorDetails?.Message is { Length: > 0 } details ? details : record.Exception?.Message ?? record.ToString();
        string? command = record.InvocationInfo?.MyCommand?.Name;
        yield return string.IsNullOrEmpty(command) ? message : $"{command}: {message}";

        yield return $"    ErrorId: {record.FullyQualifiedErrorId}";
        if (record.TargetObject is { } target && Describe(target) is { Length: > 0 } described && described != message)
        {
            yield return $"    Target: {described}";
        }

        if (record.InvocationInfo is { ScriptLineNumber: > 0 } invocation)
        {
            string where = string.IsNullOrEmpty(invocation.ScriptName) ? "line" : invocation.ScriptName;
            yield return $"    At {where}:{invocation.ScriptLineNumber} char:{invocation.OffsetInLine}";
        }
    }

    private static string Describe(object target)
    {
        object value = target is PSObject wrapped ? wrapped.BaseObject : target;
        return value switch
        {
            FileSystemInfo file => file.FullName,
            _ => value.ToString() ?? string.Empty,
        };
    }
}
