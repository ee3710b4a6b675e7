using Fluid.Ast;

namespace LiveChat.Core.Email;

/// <summary>
/// Walks a parsed template and collects every placeholder <see cref="EmailTemplateModel"/> does not have, so a typo is
/// refused at registration instead of rendering as an empty string in a visitor's inbox.
/// </summary>
/// <remarks>
/// Loop variables are tracked by name for the whole template rather than per block: a name bound by one loop is accepted
/// after it too. Liquid renders such a use as empty, so the looseness cannot leak data; it only forgives a rare mistake.
/// </remarks>
internal sealed class EmailTemplateValidator : AstVisitor
{
    private readonly Dictionary<string, string?> _locals = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _unknown = new(StringComparer.Ordinal);

    public static IReadOnlyCollection<string> UnknownPlaceholders(Fluid.IFluidTemplate template)
    {
        var validator = new EmailTemplateValidator();
        validator.VisitTemplate(template);
        return validator._unknown;
    }

    protected override Statement VisitForStatement(ForStatement forStatement)
    {
        // The loop variable's items are messages when it runs over one of the model's lists.
        var list = forStatement.Source is MemberExpression { Segments: [IdentifierSegment source] } && EmailTemplateModel.Lists.Contains(source.Identifier)
            ? source.Identifier
            : null;
        _locals[forStatement.Identifier] = list;
        _locals["forloop"] = "forloop";
        return base.VisitForStatement(forStatement);
    }

    protected override Statement VisitAssignStatement(AssignStatement assignStatement)
    {
        _locals.TryAdd(assignStatement.Identifier, null);
        return base.VisitAssignStatement(assignStatement);
    }

    protected override Statement VisitCaptureStatement(CaptureStatement captureStatement)
    {
        _locals.TryAdd(captureStatement.Identifier, null);
        return base.VisitCaptureStatement(captureStatement);
    }

    protected override Expression VisitMemberExpression(MemberExpression memberExpression)
    {
        var segments = memberExpression.Segments;
        if (segments.Count > 0 && segments[0] is IdentifierSegment root)
        {
            Check(root.Identifier, segments.Count > 1 ? segments[1] as IdentifierSegment : null);
        }

        return base.VisitMemberExpression(memberExpression);
    }

    private void Check(string root, IdentifierSegment? member)
    {
        if (_locals.TryGetValue(root, out var boundTo))
        {
            if (member is not null && boundTo is not null)
            {
                var members = boundTo == "forloop" ? EmailTemplateModel.ForLoopMembers : EmailTemplateModel.MessageMembers;
                if (!members.Contains(member.Identifier))
                {
                    _unknown.Add($"{root}.{member.Identifier}");
                }
            }

            return;
        }

        if (!EmailTemplateModel.Values.Contains(root))
        {
            _unknown.Add(root);
        }
        else if (member is not null && (!EmailTemplateModel.Lists.Contains(root) || !EmailTemplateModel.ListMembers.Contains(member.Identifier)))
        {
            _unknown.Add($"{root}.{member.Identifier}");
        }
    }
}
