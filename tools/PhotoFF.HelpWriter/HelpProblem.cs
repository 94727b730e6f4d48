namespace PhotoFF.HelpWriter;

/// <summary>What can be wrong between the help markdown and the cmdlets of the assembly.</summary>
internal enum HelpProblemKind
{
    /// <summary>The markdown does not follow the format of <c>help/README.md</c>.</summary>
    Format,

    /// <summary>A cmdlet has no help file, or its synopsis, description or examples are missing.</summary>
    MissingCommandHelp,

    /// <summary>A parameter of a cmdlet has no text in its help file.</summary>
    MissingParameterHelp,

    /// <summary>A help file names a cmdlet that the assembly does not have.</summary>
    UnknownCommand,

    /// <summary>A help file describes a parameter that its cmdlet does not have.</summary>
    UnknownParameter,
}

/// <summary>One problem found while generating help: its kind, the cmdlet, and what is wrong.</summary>
internal sealed record HelpProblem(HelpProblemKind Kind, string Command, string Message)
{
    public override string ToString() => $"{Command}: {Message}";
}
