namespace TalknShop.Orchestrator.BuyerFlow;

/// <summary>
/// A node could not do its job and the turn must end with an <c>error</c>. <see cref="Code"/> is
/// the machine code and <see cref="Exception.Message"/> is written for people (safe to send).
/// </summary>
public sealed class FlowStepException : Exception
{
    public FlowStepException() : this("flow_failed", "Something went wrong while handling your request.") { }
    public FlowStepException(string message) : this("flow_failed", message) { }
    public FlowStepException(string message, Exception inner) : base(message, inner) => Code = "flow_failed";
    public FlowStepException(string code, string message) : base(message) => Code = code;

    public string Code { get; } = "flow_failed";
}
