#include "io/export/html_report.h"

#include <cctype>
#include <cstdlib>
#include <sstream>
#include <string>

#include "io/export/graph_writers.h"
#include "io/util/text_safety.h"

namespace moneytrail {
namespace {

// The cytoscape.js library placed inside <script>: "</script" in any case would end the element
// early and "<!--" would open an HTML comment; both are written with a backslash, which
// JavaScript strings and regular expressions read as the same characters. (The report's data
// goes through script_data instead, which escapes every '<'.)
std::string library_in_script(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '<' && i + 1 < text.size()) {
      std::string rest(text.substr(i + 1, 7));
      for (char& c : rest) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (rest == "/script" || rest.starts_with("!--")) {
        out += "<\\";
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

constexpr std::string_view kHead = R"(<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="generator" content="moneytrail">
<style>
body{margin:0;font:13px sans-serif;display:grid;grid-template-columns:1fr 340px;grid-template-rows:auto 1fr;height:100vh}
header{grid-column:1/3;padding:6px 10px;background:#223;color:#eee;display:flex;gap:12px;align-items:center;flex-wrap:wrap}
#cy{grid-row:2;grid-column:1;min-height:300px}
aside{grid-row:2;grid-column:2;overflow:auto;border-left:1px solid #ccc;padding:6px}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:2px 4px;text-align:left}
#tip{position:fixed;pointer-events:none;background:#fff;border:1px solid #888;padding:4px;font-size:12px;display:none;max-width:360px;white-space:pre-wrap}
#errors{color:#f66}
#legend span{display:inline-block;margin:0 8px 2px 0}#legend i{display:inline-block;width:10px;height:10px;margin-right:3px;vertical-align:middle}
#provenance{font-size:11px;white-space:pre-wrap;color:#555}
#timeline td{font-size:12px}
@media print{
 body{display:block;height:auto}
 header input,header select,header label{display:none}
 header{background:none;color:#000;border-bottom:2px solid #000}
 #cy{height:60vh;border:1px solid #999;page-break-after:always}
 aside{border:none}
 #tip{display:none}
 table{page-break-inside:auto}tr{page-break-inside:avoid}
}
</style>
)";

constexpr std::string_view kBody = R"(</head><body>
<header><b id="title"></b>
<label>search <input id="search" placeholder="account id"></label>
<label>colour by <select id="colour"><option value="kind">kind</option><option value="group">cluster</option><option value="score">score</option></select></label>
<label>from <input id="from" type="datetime-local"></label>
<label>to <input id="to" type="datetime-local"></label>
<label><input id="edgelabels" type="checkbox"> amounts on flows</label>
<span id="status">loading</span><span id="errors"></span></header>
<div id="cy"></div>
<aside><h3>Legend</h3><div id="legend"></div>
<h3>Where the money ended</h3>
<table id="endpoints"><thead><tr><th>account</th><th>kind</th><th>status</th><th>amount</th></tr></thead><tbody></tbody></table>
<h3>Selected</h3><pre id="details">click an account or a flow</pre>
<table id="timeline"><thead><tr><th>time</th><th>flow</th><th>amount</th></tr></thead><tbody></tbody></table>
<h3>About this report</h3><div id="provenance"></div></aside>
<div id="tip"></div>
<script>window.onerror=function(message){document.getElementById('errors').textContent+=' error: '+message;};</script>
)";

constexpr std::string_view kScript = R"(
const kindColour={bank_card:'#4e79a7',bank_account:'#76b7b2',payment_account:'#f28e2b',platform:'#edc948',crypto_address:'#b07aa1',exchange_account:'#e15759',merchant:'#9c755f',cash:'#59a14f',aggregate:'#bab0ac',unknown:'#888888'};
const elements=report.elements;
const currency=report.data.currency||'';
const money=x=>Number(x).toLocaleString('en-US',{minimumFractionDigits:2,maximumFractionDigits:2});
const day=t=>String(t).slice(0,10);
// Each flow's caption: the amount (traced in a trace), the currency and the date or dates.
elements.edges.forEach(e=>{const d=e.data;const a=d.traced>0?d.traced:d.value;
  d.caption=(d.count>1?d.count+'x ':'')+money(a)+' '+currency+' '+(day(d.first)===day(d.last)?day(d.first):day(d.first)+'..'+day(d.last));});

const shown=e=>e.data.traced>0?e.data.traced:e.data.value;
const widest=Math.max(1e-9,...elements.edges.map(shown));
elements.edges.forEach(e=>{e.data.w=1+7*Math.sqrt(shown(e)/widest);});
const topScore=Math.max(1e-9,...elements.nodes.map(n=>n.data.score));
function colour(n,by){
  if(by==='group'){if(n.group<0)return '#cccccc';return 'hsl('+((n.group*137)%360)+',65%,50%)';}
  if(by==='score'){const s=Math.sqrt(Math.max(0,n.score)/topScore);return 'rgb('+Math.round(60+195*s)+','+Math.round(90*(1-s))+','+Math.round(200*(1-s))+')';}
  return kindColour[n.kind]||'#888888';
}
elements.nodes.forEach(n=>{n.data.colour=colour(n.data,'kind');});
document.getElementById('title').textContent=report.data.title;
document.title='moneytrail: '+report.data.title;
const cy=cytoscape({container:document.getElementById('cy'),elements:elements,wheelSensitivity:0.3,
 style:[
  {selector:'node',style:{'background-color':'data(colour)',label:'data(label)','font-size':8,width:18,height:18}},
  {selector:'node[?endpoint]',style:{'border-width':3,'border-color':'#cc0000'}},
  {selector:'node[?seed]',style:{'border-width':4,'border-color':'#000000','border-style':'double',width:26,height:26}},
  {selector:'node[labels *= "victim"]',style:{shape:'star'}},
  {selector:'node[labels *= "watchlist"]',style:{'outline-width':4,'outline-color':'#ff00aa','outline-offset':2,'underlay-color':'#ff00aa','underlay-opacity':0.35,'underlay-padding':6}},
  {selector:'node[kind = "aggregate"]',style:{shape:'round-rectangle',width:40}},
  {selector:'edge',style:{width:'data(w)','curve-style':'bezier','target-arrow-shape':'triangle','line-color':'#999','target-arrow-color':'#999',opacity:0.8}},
  {selector:'.hit',style:{'border-width':5,'border-color':'#ffcc00'}},
  {selector:'edge.labelled',style:{label:'data(caption)','font-size':7,'text-rotation':'autorotate','text-background-color':'#fff','text-background-opacity':0.8}},
  {selector:'.hidden',style:{display:'none'}}],
 layout:{name:'null'}});
const roots=cy.nodes('[?seed]');
cy.layout(report.layout==='breadthfirst'?{name:'breadthfirst',directed:true,spacingFactor:1.1,animate:false,roots:roots.length?roots:undefined}:{name:'cose',animate:false}).run();
const tip=document.getElementById('tip');
function describe(d){return Object.keys(d).filter(k=>!['colour','w'].includes(k)).map(k=>k+': '+d[k]).join('\n');}
cy.on('mouseover','node,edge',ev=>{tip.textContent=describe(ev.target.data());tip.style.display='block';});
cy.on('mousemove',ev=>{tip.style.left=(ev.originalEvent.clientX+12)+'px';tip.style.top=(ev.originalEvent.clientY+12)+'px';});
cy.on('mouseout','node,edge',()=>{tip.style.display='none';});
cy.on('tap','node,edge',ev=>{document.getElementById('details').textContent=describe(ev.target.data());});
document.getElementById('colour').addEventListener('change',ev=>{cy.nodes().forEach(n=>n.data('colour',colour(n.data(),ev.target.value)));});
document.getElementById('search').addEventListener('input',ev=>{
  cy.elements().removeClass('hit');const q=ev.target.value.trim();if(!q)return;
  const hits=cy.nodes().filter(n=>n.data('id').includes(q));hits.addClass('hit');if(hits.length)cy.center(hits[0]);});
function filterTime(){
  const f=document.getElementById('from').value,t=document.getElementById('to').value;
  const from=f?Date.parse(f+'Z'):-Infinity,to=t?Date.parse(t+'Z'):Infinity;
  cy.edges().forEach(e=>{const a=Date.parse(e.data('first')),b=Date.parse(e.data('last'));
    if(b<from||a>to)e.addClass('hidden');else e.removeClass('hidden');});}
document.getElementById('from').addEventListener('change',filterTime);
document.getElementById('to').addEventListener('change',filterTime);
const body=document.querySelector('#endpoints tbody');
elements.nodes.filter(n=>n.data.endpoint).sort((a,b)=>b.data.held-a.data.held).forEach(n=>{
  const row=body.insertRow();row.insertCell().textContent=n.data.id;row.insertCell().textContent=n.data.kind;
  row.insertCell().textContent=n.data.status;row.insertCell().textContent=n.data.held.toFixed(2);
  row.addEventListener('click',()=>{cy.center(cy.getElementById(n.data.id));});});
function setLabels(on){cy.edges().forEach(e=>{if(on)e.addClass('labelled');else e.removeClass('labelled');});}
const labelBox=document.getElementById('edgelabels');
labelBox.checked=cy.edges().length<=200;setLabels(labelBox.checked);
labelBox.addEventListener('change',ev=>setLabels(ev.target.checked));
// The legend: the kinds present with their colours, and what the markers mean.
const legend=document.getElementById('legend');
function legendItem(style,text){const s=document.createElement('span');const i=document.createElement('i');i.setAttribute('style',style);s.appendChild(i);s.appendChild(document.createTextNode(text));legend.appendChild(s);}
[...new Set(elements.nodes.map(n=>n.data.kind))].sort().forEach(k=>legendItem('background:'+(kindColour[k]||'#888'),k));
if(elements.nodes.some(n=>n.data.seed))legendItem('border:3px double #000;width:6px;height:6px','seed: where the money started');
if(elements.nodes.some(n=>String(n.data.labels).includes('watchlist')))legendItem('background:#ff00aa;opacity:0.5','watchlist: on the investigator\'s list');
if(elements.nodes.some(n=>n.data.endpoint))legendItem('border:2px solid #c00;width:8px;height:8px','endpoint: holds or cashed out');
if(elements.nodes.some(n=>String(n.data.labels).includes('victim')))legendItem('background:#888;clip-path:polygon(50% 0,61% 35%,98% 35%,68% 57%,79% 91%,50% 70%,21% 91%,32% 57%,2% 35%,39% 35%)','star: victim');
legendItem('background:#999;height:3px','flow: width by amount'+(currency?' ('+currency+')':''));
// The timeline of the selected account (its flows in time order) or flow (its transactions).
const timeline=document.querySelector('#timeline tbody');
function showTimeline(el){
  timeline.textContent='';
  const rows=[];
  const flows=el.isNode()?el.connectedEdges():cy.collection([el]);
  flows.forEach(e=>{const d=e.data();const name=d.source+' -> '+d.target;
    if(el.isEdge()&&d.times&&d.times.length)d.times.forEach(t=>rows.push([t,name,'']));
    else rows.push([d.first,name,money(d.traced>0?d.traced:d.value)+' '+currency+(d.count>1?' ('+d.count+' transactions to '+d.last+')':'')]);});
  rows.sort((a,b)=>a[0]<b[0]?-1:a[0]>b[0]?1:0).forEach(r=>{const row=timeline.insertRow();r.forEach(c=>{row.insertCell().textContent=c;});});
}
cy.on('tap','node,edge',ev=>showTimeline(ev.target));
document.getElementById('provenance').textContent=report.data.title+'\n'+(report.data.provenance||'');
document.getElementById('status').textContent=cy.nodes().length+' nodes, '+cy.edges().length+' edges';
)";

}  // namespace

std::optional<std::filesystem::path> find_cytoscape_js() {
  if (const char* dir = std::getenv("MONEYTRAIL_WEB_DIR")) {
    for (const char* relative :
         {"node_modules/cytoscape/dist/cytoscape.min.js", "cytoscape.min.js"}) {
      const std::filesystem::path p = std::filesystem::path(dir) / relative;
      if (std::filesystem::exists(p)) return p;
    }
    return std::nullopt;
  }
  // Beside the program: PREFIX/bin/moneytrail finds PREFIX/share/moneytrail/, and the build
  // tree's build/moneytrail finds build/share/moneytrail/ (copied there by the build). No path
  // into the source tree is compiled in, so an installed or moved tree works on its own.
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return std::nullopt;
  for (const char* relative :
       {"../share/moneytrail/cytoscape.min.js", "share/moneytrail/cytoscape.min.js"}) {
    const std::filesystem::path p = exe.parent_path() / relative;
    if (std::filesystem::exists(p, ec)) return p.lexically_normal();
  }
  return std::nullopt;
}

void write_html_report(std::ostream& out, const TransactionGraph& graph, const Subgraph& sub,
                       std::string_view cytoscape_js) {
  std::ostringstream data;
  write_cyjs(data, graph, sub);
  bool traced = false;
  for (const SubgraphNode& n : sub.nodes) traced = traced || n.hop >= 0;
  out << kHead << "<title>moneytrail: " << html_text(sub.title) << "</title>\n";
  if (!sub.provenance.empty())
    out << "<meta name=\"moneytrail-provenance\" content=\"" << html_text(sub.provenance)
        << "\">\n";
  out << kBody;
  out << "<script>\n" << library_in_script(cytoscape_js) << "\n</script>\n";
  out << "<script>\nconst report=" << script_data(data.str()) << ";\nreport.layout='"
      << (traced ? "breadthfirst" : "cose") << "';\n"
      << kScript << "</script>\n</body></html>\n";
}

}  // namespace moneytrail
