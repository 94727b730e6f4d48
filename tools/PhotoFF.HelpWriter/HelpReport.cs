using System.Xml.Linq;

namespace PhotoFF.HelpWriter;

/// <summary>The generated MAML, the cmdlets it covers, and every problem found on the way.</summary>
internal sealed record HelpReport(XDocument Document, IReadOnlyList<string> Commands, IReadOnlyList<HelpProblem> Problems)
{
    public bool IsComplete => Problems.Count == 0;

    public IEnumerable<HelpProblem> ProblemsOf(HelpProblemKind kind) => Problems.Where(p => p.Kind == kind);
}
