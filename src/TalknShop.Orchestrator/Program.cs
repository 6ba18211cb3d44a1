using TalknShop.Orchestrator;
using TalknShop.Orchestrator.Auth;
using TalknShop.Orchestrator.BuyerFlow;
using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Chat;
using TalknShop.Orchestrator.Diagnostics;
using TalknShop.Orchestrator.Downstream;
using TalknShop.Orchestrator.Llm;
using TalknShop.Orchestrator.Sessions;
using TalknShop.Orchestrator.Turns;
using TalknShop.Orchestrator.Understanding;
using TalknShop.Orchestrator.Web;

ServiceDefaults.LoadDotEnv();
var builder = WebApplication.CreateBuilder(args);

// The order of the AddX calls does not matter: each feature registers its own classes and
// reads its settings from validated options when they are first resolved.
builder.AddServiceDefaults();
builder.AddDiagnostics();
builder.AddAuth();
builder.AddSessions();
builder.AddCatalog();
builder.AddLlm();
builder.AddUnderstanding();
builder.AddDownstream();
builder.AddBuyerFlow();
builder.AddTurns();
builder.AddChat();
builder.AddDocs();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuth();
app.UseWebSockets();

var management = app.MapManagementGroup();
app.MapWebPage();
app.MapDiagnostics(management);
app.MapSessions();
app.MapChat(management);
management.MapDocs();
app.MapProductImages();

app.Run();

/// <summary>Entry point; public so tests can host the real service.</summary>
public partial class Program;
