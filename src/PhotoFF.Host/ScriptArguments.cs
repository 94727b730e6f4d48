using System.Text;

namespace PhotoFF.Host;

/// <summary>
/// The call of a script file with the arguments that follow <c>-File script.ps1</c>, bound as pwsh binds them: <c>-Name</c>
/// is a parameter name (the next argument is its value unless the parameter is a switch: the parameter binder decides),
/// <c>-Name:value</c> a name with its value, <c>-Switch:$false</c> a switch turned off, anything else (a negative number
/// included) a value. Values are passed as strings; the binder converts them to the parameters' types.
/// </summary>
public static class ScriptArguments
{
    /// <summary>A script that invokes <paramref name="path"/> with <paramref name="arguments"/>: names as parameter tokens, values quoted.</summary>
    public static string Invocation(string path, IEnumerable<string> arguments)
    {
        var script = new StringBuilder("& ").Append(Quote(path));
        foreach (string argument in arguments)
        {
            script.Append(' ');
            if (ParameterName(argument) is not { } name)
            {
                script.Append(Quote(argument));
                continue;
            }

            script.Append('-').Append(name);
            int colon = argument.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                string value = argument[(colon + 1)..];
                script.Append(':').Append(value.ToLowerInvariant() is "$true" or "$false" ? value : Quote(value));
            }
        }

        return script.ToString();
    }

    /// <summary>The parameter name of <paramref name="argument"/> (<c>-Name</c> or <c>-Name:value</c>); null when it is a value.</summary>
    private static string? ParameterName(string argument)
    {
        if (argument.Length < 2 || argument[0] != '-' || !(char.IsLetter(argument[1]) || argument[1] == '_'))
        {
            return null;
        }

        int colon = argument.IndexOf(':', StringComparison.Ordinal);
        string name = colon > 0 ? argument[1..colon] : argument[1..];
        return name.All(c => char.IsLetterOrDigit(c) || c == '_') ? name : null;
    }

    /// <summary>A single-quoted PowerShell string: nothing in it is expanded.</summary>
    private static string Quote(string value) =>
        "'" + value.Replace("'", "''", StringComparison.Ordinal)
            .Replace("\u2018", "\u2018\u2018", StringComparison.Ordinal).Replace("\u2019", "\u2019\u2019", StringComparison.Ordinal)
            .Replace("\u201A", "\u201A\u201A", StringComparison.Ordinal).Replace("\u201B", "\u201B\u201B", StringComparison.Ordinal) + "'";
}
