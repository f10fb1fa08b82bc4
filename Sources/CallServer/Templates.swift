/// The page templates (Mustache). Kept in the binary: the server needs no files beside it and no external asset.
enum Templates {
    static let all: [String: String] = [
        "layout": layout, "login": login, "queue": queue, "call": call, "dashboard": dashboard, "calls": calls,
        "archive": archive,
    ]

    static let layout = """
    <!doctype html>
    <html lang="{{lang}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}} · {{t.app}}</title><link rel="stylesheet" href="/assets/app.css"></head>
    <body><header class="top"><a class="brand" href="/">{{t.app}}</a>
    <nav aria-label="main">{{#nav}}<a href="{{href}}">{{label}}</a>{{/nav}}</nav>
    <span class="spacer"></span><a href="?lang={{otherLanguage}}" lang="{{otherLanguage}}">{{t.language}}</a>
    {{#user}}<span class="who">{{name}} ({{roles}})</span>
    <form method="post" action="/logout" class="inline"><input type="hidden" name="_csrf" value="{{csrf}}"><button type="submit">{{t.signOut}}</button></form>{{/user}}
    </header><main id="main">{{{body}}}</main></body></html>
    """

    static let login = """
    <h1>{{t.signIn}}</h1>
    {{#failed}}<p class="alert" role="alert">{{t.signInFailed}}</p>{{/failed}}
    <form method="post" action="/login" class="card narrow">
    <input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="next" value="{{next}}">
    <label for="username">{{t.username}}</label><input id="username" name="username" autocomplete="username" required autofocus>
    <label for="password">{{t.password}}</label><input id="password" name="password" type="password" autocomplete="current-password" required>
    <button type="submit" id="sign-in">{{t.signIn}}</button></form>
    """

    static let queue = """
    <h1>{{t.queue}}</h1>
    {{#flash}}<p class="notice" role="status">{{flash}}</p>{{/flash}}
    <form method="post" action="/qa/next"><input type="hidden" name="_csrf" value="{{csrf}}">
    <button type="submit" id="next-call">{{t.nextCall}}</button></form>
    <p>{{counts}}</p>
    <h2>{{t.myCalls}}</h2>
    {{^claimed}}<p>{{t.noCalls}}</p>{{/claimed}}
    {{#claimed.0}}<table><thead><tr><th>{{t.call}}</th><th>{{t.agent}}</th><th>{{t.team}}</th><th>{{t.plan}}</th><th>{{t.leaseUntil}}</th><th></th></tr></thead><tbody>{{/claimed.0}}
    {{#claimed}}<tr><td><a href="/calls/{{callID}}">{{callID}}</a></td><td>{{agentID}}</td><td>{{team}}</td><td>{{plan}} {{period}}</td><td>{{leaseUntil}}</td>
    <td><form method="post" action="/qa/{{callID}}/release" class="inline"><input type="hidden" name="_csrf" value="{{csrf}}"><button type="submit">{{t.release}}</button></form></td></tr>{{/claimed}}
    {{#claimed.0}}</tbody></table>{{/claimed.0}}
    <h2>{{t.recentEvaluations}}</h2>
    <table><thead><tr><th>{{t.call}}</th><th>{{t.agent}}</th><th>{{t.score}}</th><th>{{t.submittedAt}}</th></tr></thead><tbody>
    {{#recent}}<tr><td>{{callID}}</td><td>{{agentID}}</td><td>{{score}}</td><td>{{at}}</td></tr>{{/recent}}</tbody></table>
    """

    static let call = """
    <h1>{{t.call}} {{call.id}}</h1>
    <p class="meta">{{t.agent}} {{call.agent}} · {{t.team}} {{call.team}} · {{t.start}} {{call.start}} · {{t.duration}} {{call.duration}} · {{t.caller}} {{call.caller}}</p>
    <div class="desk">
    <section class="player" aria-label="{{t.player}}" data-duration="{{call.durationSeconds}}">
    <audio id="audio" controls preload="metadata" src="/calls/{{call.id}}/audio"></audio>
    <div class="controls">
    <button type="button" id="play" aria-keyshortcuts="k">{{t.playPause}}</button>
    <button type="button" id="back5" aria-keyshortcuts="j">{{t.back5}}</button>
    <button type="button" id="next-turn" aria-keyshortcuts="l">{{t.nextTurn}}</button>
    <label><input type="checkbox" id="skip" aria-keyshortcuts="s"> {{t.skipHold}}</label>
    <label for="speed">{{t.speed}}</label><select id="speed">{{#speeds}}<option value="{{.}}">{{.}}x</option>{{/speeds}}</select>
    <span id="clock" aria-live="off">0:00</span></div>
    <p class="hint">{{t.shortcuts}}</p>
    {{#timeline}}<figure><figcaption>{{t.timeline}}</figcaption>{{{timeline}}}</figure>{{/timeline}}
    </section>
    {{#rubric}}<section class="rubric" aria-label="{{t.rubric}}">
    <h2>{{t.rubric}}: {{title}}</h2>
    <p id="draft-state" role="status" aria-live="polite"></p>
    <form method="post" action="/qa/{{callID}}/submit" id="score-form" data-call="{{callID}}">
    <input type="hidden" name="_csrf" value="{{csrf}}">
    {{#sections}}<fieldset class="section"><legend>{{label}} ({{weight}})</legend>
    {{#items}}<fieldset class="item" id="item-{{id}}"><legend>{{label}}{{#critical}} <strong>*</strong>{{/critical}}</legend>
    {{#options}}<label class="opt"><input type="radio" name="{{itemID}}" value="{{value}}"{{#checked}} checked{{/checked}} required> {{text}}</label>{{/options}}
    <label class="note" for="c-{{id}}">{{t.commentAt}}</label><textarea id="c-{{id}}" name="comment.{{id}}" rows="1" data-item="{{id}}">{{comment}}</textarea>
    <input type="hidden" name="at.{{id}}" value="{{at}}" id="at-{{id}}">
    </fieldset>{{/items}}</fieldset>{{/sections}}
    <label for="overall">{{t.overallComment}}</label><textarea id="overall" name="comment" rows="2">{{overall}}</textarea>
    <div class="actions"><button type="button" id="save-draft">{{t.saveDraft}}</button><button type="submit" id="submit">{{t.submit}}</button></div>
    </form></section>{{/rubric}}
    {{#supervise}}<section class="supervise" aria-label="{{t.supervisorDesk}}">
    {{#flash}}<p class="notice" role="status">{{flash}}</p>{{/flash}}
    {{#canQueue}}<form method="post" action="/calls/{{callID}}/qa" class="filters"><input type="hidden" name="_csrf" value="{{csrf}}">
    <label for="qa-reason">{{t.reason}}</label><input id="qa-reason" name="reason" required><button type="submit">{{t.sendToQA}}</button></form>{{/canQueue}}
    {{#evaluations.0}}<h2>{{t.evaluations}}</h2>{{/evaluations.0}}
    {{#evaluations}}<div class="card"><p>#{{id}} · {{evaluator}} · {{t.score}} {{score}} · {{at}}</p>
    {{#canDispute}}<form method="post" action="/calls/{{callID}}/evaluations/{{id}}/dispute" class="filters"><input type="hidden" name="_csrf" value="{{csrf}}">
    <label for="d-{{id}}">{{t.reason}}</label><input id="d-{{id}}" name="reason" required><button type="submit">{{t.dispute}}</button></form>{{/canDispute}}</div>{{/evaluations}}
    </section>{{/supervise}}
    </div>
    <script src="/assets/player.js"></script>
    """

    static let dashboard = """
    <h1>{{t.dashboard}}</h1>
    <form method="get" action="/dashboard" class="filters"><label for="from">{{t.from}}</label><input id="from" name="from" value="{{from}}" type="date">
    <label for="to">{{t.to}}</label><input id="to" name="to" value="{{to}}" type="date"><button type="submit">{{t.show}}</button></form>
    <section><h2>{{t.queueFigures}}</h2><dl class="figures">{{#queue}}<div><dt>{{label}}</dt><dd>{{value}}</dd></div>{{/queue}}</dl>
    <p><a href="/calls?from={{from}}&amp;to={{to}}" id="recorded-calls">{{t.recordedCalls}}</a></p>
    <figure>{{{abandonedChart}}}</figure>
    <h3>{{t.transfers}}</h3><table><tbody>{{#transfers}}<tr><td>{{key}}</td><td>{{value}}</td></tr>{{/transfers}}</tbody></table></section>
    <section><h2>{{t.talkByAgent}}</h2><figure id="talk-chart">{{{talkChart}}}</figure>
    <table id="talk-table"><thead><tr><th>{{t.agent}}</th><th>{{t.calls}}</th><th>{{t.meanHandle}}</th><th>{{t.agentShare}}</th><th>{{t.holdS}}</th><th>{{t.deadAirS}}</th><th>{{t.overtalkS}}</th></tr></thead><tbody>
    {{#agents}}<tr><td><a href="/calls?agent={{agent}}&amp;from={{from}}&amp;to={{to}}">{{agent}}</a></td><td>{{calls}}</td><td>{{meanHandle}}</td><td>{{share}}</td><td>{{hold}}</td><td>{{deadAir}}</td><td>{{overtalk}}</td></tr>{{/agents}}</tbody></table>
    <h3>{{t.talkByDay}}</h3><figure>{{{dayChart}}}</figure>
    <p class="filters" id="day-links">{{#days}}<a href="/calls?from={{day}}&amp;to={{day}}">{{day}} ({{calls}})</a> {{/days}}</p></section>
    <section><h2>{{t.qaByAgent}}</h2><table id="qa-agents"><thead><tr><th>{{t.agent}}</th><th>{{t.evaluations}}</th><th>{{t.meanScore}}</th></tr></thead><tbody>
    {{#qaAgents}}<tr><td><a href="/calls?agent={{key}}&amp;from={{from}}&amp;to={{to}}">{{key}}</a></td><td>{{evaluations}}</td><td>{{mean}}</td></tr>{{/qaAgents}}</tbody></table>
    <h3>{{t.qaByItem}}</h3><table><thead><tr><th>{{t.item}}</th><th>{{t.evaluations}}</th><th>{{t.failureRate}}</th></tr></thead><tbody>
    {{#qaItems}}<tr><td>{{item}}</td><td>{{answered}}</td><td>{{rate}}</td></tr>{{/qaItems}}</tbody></table></section>
    """

    static let calls = """
    <h1>{{t.agentCalls}}: {{agent}}</h1><p><a href="/dashboard?from={{from}}&amp;to={{to}}">{{t.back}}</a></p>
    {{#flash}}<p class="notice" role="status">{{flash}}</p>{{/flash}}
    <table id="calls"><thead><tr><th>{{t.call}}</th><th>{{t.start}}</th><th>{{t.agent}}</th><th>{{t.duration}}</th><th>{{t.deadAirS}}</th><th>{{t.holdS}}</th><th>{{t.overtalkS}}</th><th></th></tr></thead><tbody>
    {{#calls}}<tr><td><a href="/calls/{{id}}">{{id}}</a></td><td>{{start}}</td><td>{{agent}}</td><td>{{duration}}</td><td>{{deadAir}}</td><td>{{hold}}</td><td>{{overtalk}}</td>
    <td><form method="post" action="/calls/{{id}}/qa" class="inline"><input type="hidden" name="_csrf" value="{{csrf}}">
    <label class="sr" for="r-{{id}}">{{t.reason}}</label><input id="r-{{id}}" name="reason" required size="12"><button type="submit">{{t.sendToQA}}</button></form></td></tr>{{/calls}}
    </tbody></table>
    """

    static let archive = """
    <h1>{{t.archive}}</h1>
    {{#flash}}<p class="notice" role="status">{{flash}}</p>{{/flash}}
    <section><h2>{{t.auditStatus}}</h2><p id="audit-status">{{audit}}</p><p id="scrub-status">{{t.scrub}}: {{scrub}}</p></section>
    <section><h2>{{t.retention}}</h2><table id="classes"><thead><tr><th>{{t.class}}</th><th>{{t.calls}}</th><th>{{t.dueIn30}}</th></tr></thead><tbody>
    {{#classes}}<tr><td>{{name}}</td><td>{{calls}}</td><td>{{due}}</td></tr>{{/classes}}</tbody></table>
    <h3>{{t.upcomingPurges}}</h3><p id="purge-preview">{{t.purgeDue}}: <strong>{{purgeDue}}</strong> ({{t.heldExpired}}: {{expiredHeld}}){{#twoPerson}}. {{t.twoPersonOn}}{{/twoPerson}}</p>
    {{#canPurge}}<form method="post" action="/archive/purge" class="filters" id="purge-form"><input type="hidden" name="_csrf" value="{{csrf}}">
    <label for="purge-confirm">{{t.typeCount}} ({{purgeDue}})</label><input id="purge-confirm" name="confirm" required inputmode="numeric" size="6" autocomplete="off">
    <label for="purge-reason">{{t.reason}}</label><input id="purge-reason" name="reason" required>
    <button type="submit">{{t.purgeConfirm}}</button></form>{{/canPurge}}
    {{#hasRequests}}<h3>{{t.requests}}</h3>{{/hasRequests}}<table id="requests"><tbody>
    {{#requests}}<tr><td>#{{id}}</td><td>{{kind}} {{target}}</td><td>{{requestedBy}}</td><td>{{state}} {{approvedBy}}</td><td>{{reason}}</td><td>
    {{#canApprove}}<form method="post" action="/archive/requests/{{id}}/approve" class="inline"><input type="hidden" name="_csrf" value="{{csrf}}"><button type="submit">{{t.approve}} #{{id}}</button></form>{{/canApprove}}
    {{#runPurge}}<form method="post" action="/archive/purge" class="inline"><input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="request" value="{{id}}">
    <label class="sr" for="rq-{{id}}">{{t.typeCount}} ({{count}})</label><input id="rq-{{id}}" name="confirm" required size="6" placeholder="{{count}}" autocomplete="off">
    <label class="sr" for="rqr-{{id}}">{{t.reason}}</label><input id="rqr-{{id}}" name="reason" required size="12" value="{{reason}}"><button type="submit">{{t.purgeConfirm}}</button></form>{{/runPurge}}
    {{#runRelease}}<form method="post" action="/archive/holds/{{hold}}/release" class="inline"><input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="request" value="{{id}}">
    <label class="sr" for="rh-{{id}}">{{t.reason}}</label><input id="rh-{{id}}" name="reason" required size="12" value="{{reason}}"><button type="submit">{{t.releaseHold}}</button></form>{{/runRelease}}
    </td></tr>{{/requests}}</tbody></table></section>
    <section><h2>{{t.legalHolds}}</h2><table><thead><tr><th>{{t.callID}}</th><th>{{t.reason}}</th><th></th></tr></thead><tbody>
    {{#holds}}<tr><td>{{callID}}</td><td>{{reason}}</td><td><form method="post" action="/archive/holds/{{id}}/release" class="inline"><input type="hidden" name="_csrf" value="{{csrf}}">
    <label class="sr" for="hr-{{id}}">{{t.reason}}</label><input id="hr-{{id}}" name="reason" required size="12"><button type="submit">{{t.releaseHold}}</button></form></td></tr>{{/holds}}</tbody></table>
    <form method="post" action="/archive/holds" class="filters"><input type="hidden" name="_csrf" value="{{csrf}}">
    <label for="hold-call">{{t.callID}}</label><input id="hold-call" name="call" required><label for="hold-reason">{{t.reason}}</label><input id="hold-reason" name="reason" required>
    <button type="submit">{{t.addHold}}</button></form></section>
    <section><h2>{{t.certificates}}</h2><ul id="certificates">{{#certificates}}<li>#{{id}} {{at}} {{status}} {{#hasCertificate}}<a href="/archive/certificates/{{id}}">{{t.certificate}}</a>{{/hasCertificate}}</li>{{/certificates}}</ul></section>
    <section><h2>{{t.quarantine}}</h2><table><thead><tr><th>{{t.file}}</th><th>{{t.problem}}</th></tr></thead><tbody>
    {{#quarantine}}<tr><td>{{file}}</td><td>{{reason}}</td></tr>{{/quarantine}}</tbody></table></section>
    """
}
