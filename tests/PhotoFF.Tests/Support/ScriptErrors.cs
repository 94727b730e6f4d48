using System.Management.Automation;

namespace PhotoFF.Tests.Support;

/// <summary>Assertions on how a script failed: refused arguments, and the error ids PowerShell users match on.</summary>
public static class ScriptErrors
{
    /// <summary>The FullyQualifiedErrorId of the first error the script wrote or stopped with; fails when there was none.</summary>
    public static string FirstErrorId(PowerShellResult result)
    {
        if (result.Errors.Count > 0)
        {
            return result.Errors[0].FullyQualifiedErrorId;
        }

        if (result.Terminating is IContainsErrorRecord record)
        {
            return record.ErrorRecord.FullyQualifiedErrorId;
        }

        Assert.Fail(result.Terminating is null ? "The script wrote no error." : $"The script stopped without an error record: {result.Terminating.Message}");
        return string.Empty;
    }

    /// <summary>Asserts that the script was refused while binding <paramref name="parameter"/> (a missing mandatory
    /// parameter, or the validation or conversion of its argument), not while doing its work.</summary>
    public static void RefusedAtBinding(PowerShellResult result, string parameter)
    {
        Exception? error = result.Errors.Count > 0 ? result.Errors[0].Exception : result.Terminating;
        Assert.NotNull(error);
        ParameterBindingException binding = Assert.IsAssignableFrom<ParameterBindingException>(error);
        // A missing mandatory parameter is reported as a list of names (" Angle", " A, B").
        string[] names = binding.ParameterName.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(parameter, names, StringComparer.OrdinalIgnoreCase);
    }
}
