// Web page of the Qwen3-VL demo: documents (upload, list, delete, re-index), ingestion progress, ask (search +
// answer), and chat (stored conversations, streamed answers); citations open the cited page, picture or video.
// No build step.
'use strict';

const $ = (id) => document.getElementById(id);
const CONVERSATION_KEY = 'qwen3vl-demo.conversation';
let conversationId = localStorage.getItem(CONVERSATION_KEY);
let pollTimer = null;
let infoTimer = null;
let lastActive = 0;

function escapeHtml(text) {
    return String(text ?? '').replace(/[&<>"']/g,
        (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
}

/** Escapes an answer and turns its citations [n] and [n@seconds] into links that open the cited source. */
function withCitations(text, sources) {
    return escapeHtml(text).replace(/\[(\d+)(?:@(\d+(?:\.\d+)?))?\]/g, (match, n, time) => {
        const source = sources[Number(n) - 1];
        if (!source) {
            return match;
        }
        return `<a class="cite" href="#" data-n="${n}" data-kind="${escapeHtml(source.kind)}"`
            + `${time ? ` data-time="${time}"` : ''} title="${escapeHtml(label(source))}">${match}</a>`;
    });
}

/** Makes the citation links inside {@code element} open the given sources. */
function bindCitations(element, sources) {
    element.querySelectorAll('a.cite').forEach((a) => a.addEventListener('click', (event) => {
        event.preventDefault();
        openSource(sources[Number(a.dataset.n) - 1], Number(a.dataset.n), a.dataset.time);
    }));
}

function label(source) {
    return source.source + (source.page ? `, page ${source.page}` : '');
}

// ---- API key (only when the server is configured with demo.security.* keys) ------------------------------------------

const API_KEY = 'qwen3vl-demo-api-key';

/** The request headers with the API key the user entered, if any. */
function withKey(headers = {}) {
    const key = localStorage.getItem(API_KEY);
    return key ? {...headers, 'X-API-Key': key} : headers;
}

/** Remembers the key (also as a same-site cookie, so that images and media load) or forgets it when blank. */
function setApiKey(key) {
    if (key) {
        localStorage.setItem(API_KEY, key);
        document.cookie = `demo_api_key=${encodeURIComponent(key)}; path=/api/; SameSite=Strict`;
    } else {
        localStorage.removeItem(API_KEY);
        document.cookie = 'demo_api_key=; path=/api/; max-age=0; SameSite=Strict';
    }
}

async function api(path, options = {}) {
    const response = await fetch(path, {...options, headers: withKey(options.headers)});
    const body = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
    if (!response.ok) {
        const message = body?.message || `${response.status} ${response.statusText}`;
        const error = new Error(`${message} (HTTP ${response.status})`);
        error.status = response.status;
        error.code = body?.error;
        throw error;
    }
    return body;
}

// ---- status ----------------------------------------------------------------------------------------------------------

function modelBadge(task, m) {
    const state = m.state.split(':')[0];
    const name = m.reference.split('/').pop();
    const what = task === 'scoring' ? 'reranker' : task;
    if (m.download) {
        const percent = m.download.totalBytes > 0 ? Math.floor(100 * m.download.bytesDone / m.download.totalBytes) : 0;
        return `<span class="badge loading" title="${escapeHtml(m.reference)}">${escapeHtml(what)}: downloading `
            + `${escapeHtml(m.download.file)} ${percent}% <span class="bar"><span style="width:${percent}%"></span>`
            + `</span></span>`;
    }
    return `<span class="badge ${escapeHtml(state)}" title="${escapeHtml(m.reference + ': ' + m.state)}">`
        + `${escapeHtml(what)}: ${escapeHtml(name)} · ${escapeHtml(state)}</span>`;
}

async function loadInfo() {
    clearTimeout(infoTimer);
    let again = 0;
    try {
        const info = await api('/api/info');
        const badges = Object.entries(info.models).map(([task, m]) => modelBadge(task, m));
        badges.push(info.chatModel
            ? `<span class="badge ready" id="chat-badge">chat: ${escapeHtml(info.chatModel)} · `
                + `${info.chatVision ? 'reads the pictures' : 'text only'}</span>`
            : '<span class="badge" id="chat-badge">no chat model: extractive answers</span>');
        $('status').innerHTML = badges.join('');
        $('generate-label').hidden = !info.chatModel;
        $('hybrid-label').hidden = !info.hybridSearch;
        $('supported').textContent = info.supportedExtensions.join(' ') + ` · at most ${Math.round(info.maxFileSize / 1048576)} MB`;
        $('topk').max = info.maxTopK;
        $('topn').max = info.maxTopK;
        if (!$('topk').dataset.set) {
            $('topk').value = info.topK;
            $('topn').value = info.topN;
            $('hybrid').checked = info.hybridSearch;
            $('topk').dataset.set = 'true';
        }
        if (Object.values(info.models).some((m) => m.state.startsWith('loading'))) {
            again = 2000;
        }
    } catch (e) {
        $('status').innerHTML = `<span class="badge failed">${escapeHtml(e.message)}</span>`;
        again = 5000;
    }
    if (again && !document.hidden) {
        infoTimer = setTimeout(loadInfo, again);
    }
}

// ---- documents -------------------------------------------------------------------------------------------------------

async function upload(files) {
    $('upload-error').textContent = '';
    if (!files.length) {
        return;
    }
    const form = new FormData();
    for (const file of files) {
        form.append('file', file, file.name);
    }
    try {
        await api('/api/documents', {method: 'POST', body: form});
    } catch (e) {
        $('upload-error').textContent = e.message;
    }
    $('file-input').value = '';
    pollIngestion();
}

function renderDocument(d) {
    return `<li data-sha="${d.sha256}" data-source="${escapeHtml(d.source)}"><div class="doc-name">${escapeHtml(d.source)}</div>`
        + `<div class="muted">${escapeHtml(d.kind)} · ${d.chunks} chunk${d.chunks === 1 ? '' : 's'} · ${Math.ceil(d.bytes / 1024)} kB`
        + ` <button class="link reindex-doc" data-sha="${d.sha256}">re-index</button>`
        + ` <button class="link delete-doc" data-sha="${d.sha256}">delete</button></div></li>`;
}

async function loadDocuments() {
    try {
        const documents = await api('/api/documents');
        $('store-problem').hidden = true;
        $('documents').innerHTML = documents.map(renderDocument).join('');
    } catch (e) {
        if (e.code === 'model_changed') {
            $('store-problem').hidden = false;
            $('store-problem').textContent = e.message;
        }
        $('documents').innerHTML = `<li class="muted">${escapeHtml(e.message)}</li>`;
    }
}

async function documentAction(event) {
    const sha = event.target.dataset?.sha;
    if (!sha) {
        return;
    }
    $('upload-error').textContent = '';
    const deleting = event.target.classList.contains('delete-doc');
    const name = event.target.closest('li').dataset.source;
    if (deleting && !confirm(`Delete ${name}: its chunks, pictures and upload?`)) {
        return;
    }
    try {
        await api(`/api/documents/${sha}${deleting ? '' : '/reindex'}`, {method: deleting ? 'DELETE' : 'POST'});
    } catch (e) {
        $('upload-error').textContent = e.message;
    }
    loadDocuments();
    pollIngestion();
}

async function reindexAll() {
    if (!confirm('Empty the store and ingest every document again with the configured embedding model?')) {
        return;
    }
    try {
        await api('/api/documents/reindex', {method: 'POST'});
    } catch (e) {
        $('upload-error').textContent = e.message;
    }
    loadDocuments();
    pollIngestion();
}

// ---- ingestion progress: polled while something runs and the tab is visible ---------------------------------------

function renderJob(job) {
    const progress = job.chunks > 0 && !['DONE', 'SKIPPED', 'FAILED'].includes(job.status)
        ? `<div class="progress"><div style="width:${Math.round(100 * job.embedded / job.chunks)}%"></div></div>` : '';
    const detail = job.error && job.status !== 'DONE' ? `${job.stage}: ${job.error}` : job.stage;
    const retry = job.status === 'FAILED' ? ` <button class="link" data-retry="${job.id}">retry</button>` : '';
    return `<li data-job="${job.id}" data-status="${job.status}"><span class="job-status ${job.status}">${job.status.replaceAll('_', ' ').toLowerCase()}</span>`
        + `<div class="job-name">${escapeHtml(job.file)}</div>`
        + `<div class="job-stage">${escapeHtml(detail)}${retry}</div>${progress}</li>`;
}

async function pollIngestion() {
    clearTimeout(pollTimer);
    let active = 0;
    try {
        const progress = await api('/api/ingestion');
        $('jobs').innerHTML = progress.jobs.map(renderJob).join('');
        const done = progress.jobs.filter((j) => j.status === 'DONE').length;
        active = progress.active;
        $('ingestion-summary').textContent = active > 0
            ? `${active} in progress` : `${done} ingested, ${progress.jobs.length} jobs`;
    } catch (e) {
        $('ingestion-summary').textContent = e.message;
    }
    if (active !== lastActive) {
        loadDocuments();
    }
    lastActive = active;
    if (active > 0 && !document.hidden) {
        pollTimer = setTimeout(pollIngestion, 1000);
    }
}

// ---- the citation viewer ----------------------------------------------------------------------------------------------

function openSource(source, n, time) {
    if (!source) {
        return;
    }
    const body = $('viewer-body');
    $('viewer-title').textContent = `[${n}] ${label(source)}`;
    if (source.kind === 'video' && source.mediaUrl) {
        body.innerHTML = `<video id="viewer-video" controls preload="metadata" src="${escapeHtml(source.mediaUrl)}"></video>`;
        const video = $('viewer-video');
        video.addEventListener('loadedmetadata', () => {
            video.currentTime = Number(time || 0);
        }, {once: true});
        $('viewer-title').textContent += time ? ` at ${time} s` : '';
    } else if (source.mediaUrl) {
        body.innerHTML = `<img id="viewer-image" src="${escapeHtml(source.mediaUrl)}" alt="${escapeHtml(label(source))}">`;
    } else {
        body.innerHTML = `<pre id="viewer-text">${escapeHtml(source.text)}</pre>`;
    }
    const viewer = $('viewer');
    if (!viewer.open) {
        viewer.show();
    }
}

// ---- ask -----------------------------------------------------------------------------------------------------------------

function scoreLine(source, index) {
    const move = source.retrievalRank - (index + 1);
    const arrow = move > 0 ? `<span class="up">▲${move}</span>` : move < 0 ? `<span class="down">▼${-move}</span>` : '＝';
    return `retrieval <b>${source.retrievalScore.toFixed(4)}</b> (#${source.retrievalRank})`
        + (source.rerankScore == null
            ? ` → not reranked (rerank budget) (#${index + 1})`
            : ` → rerank <b>${source.rerankScore.toFixed(4)}</b> (#${index + 1}) ${arrow}`);
}

function thumbnail(source, n) {
    if (source.thumbnailUrl) {
        return `<a href="#" class="open-source" data-n="${n}"><img class="thumb" src="${escapeHtml(source.thumbnailUrl)}"`
            + ` alt="${escapeHtml(source.source)}"></a>`;
    }
    return `<span class="doc-icon">${escapeHtml((source.kind || 'text').toUpperCase())}</span>`;
}

function renderResults(sources) {
    $('results').innerHTML = sources.map((s, i) => `
        <article class="result" id="src-${i + 1}" data-source="${escapeHtml(s.source)}">
            <div class="thumb-box">${thumbnail(s, i + 1)}</div>
            <div>
                <div class="result-head"><span class="rank">[${i + 1}]</span>
                    <span class="source">${escapeHtml(s.source)}</span>
                    ${s.page ? `<span class="muted">page ${s.page}</span>` : ''}
                    <span class="muted">${escapeHtml(s.kind || '')}</span></div>
                <div class="scores">${scoreLine(s, i)}</div>
                <div class="text">${escapeHtml(s.text)}</div>
            </div>
        </article>`).join('');
    $('results').querySelectorAll('a.open-source').forEach((a) => a.addEventListener('click', (event) => {
        event.preventDefault();
        openSource(sources[Number(a.dataset.n) - 1], Number(a.dataset.n));
    }));
}

function renderTimings(t, candidates, reranked) {
    const parts = [`embed ${t.embedMs} ms`, `search ${t.searchMs} ms`, `rerank ${t.rerankMs} ms`];
    if (t.generateMs > 0) {
        parts.push(`generate ${t.generateMs} ms`);
    }
    const scored = reranked !== undefined && reranked < candidates ? ` (${reranked} reranked)` : '';
    return (candidates !== undefined ? `${candidates} candidates${scored} · ` : '') + parts.join(' · ');
}

function showNotice(element, notice) {
    element.hidden = !notice;
    element.textContent = notice || '';
}

async function ask(event) {
    event.preventDefault();
    $('ask-error').textContent = '';
    const button = $('ask-button');
    button.disabled = true;
    button.textContent = 'Asking…';
    try {
        const response = await api('/api/ask', {
            method: 'POST',
            headers: {'Content-Type': 'application/json'},
            body: JSON.stringify({
                question: $('question').value,
                topK: Number($('topk').value),
                topN: Number($('topn').value),
                generate: $('generate').checked,
                hybrid: $('hybrid-label').hidden ? undefined : $('hybrid').checked,
            }),
        });
        showNotice($('ask-notice'), response.notice);
        $('answer').hidden = false;
        const images = response.images > 0 ? ` <span class="muted">read ${response.images} picture${response.images === 1 ? '' : 's'}</span>` : '';
        $('answer').innerHTML = `<span class="mode ${response.mode}">${response.mode}</span>${images}\n`
            + withCitations(response.answer, response.sources);
        bindCitations($('answer'), response.sources);
        $('timings').textContent = renderTimings(response.timings, response.candidates, response.reranked);
        renderResults(response.sources);
    } catch (e) {
        $('ask-error').textContent = e.message;
    } finally {
        button.disabled = false;
        button.textContent = 'Ask';
    }
}

// ---- chat: stored conversations, answers streamed as server-sent events --------------------------------------------

function addMessage(kind, html) {
    const div = document.createElement('div');
    div.className = `msg ${kind}`;
    div.innerHTML = html;
    $('chat-log').appendChild(div);
    $('chat-log').scrollTop = $('chat-log').scrollHeight;
    return div;
}

function renderReply(element, reply) {
    const chips = reply.sources.map((s, i) => `<a href="#" class="chip cite" data-n="${i + 1}" data-kind="${escapeHtml(s.kind)}"`
        + ` title="${escapeHtml(s.text.slice(0, 300))}">`
        + (s.thumbnailUrl ? `<img src="${escapeHtml(s.thumbnailUrl)}" alt="">` : '')
        + `[${i + 1}] ${escapeHtml(s.source)}${s.page ? ' p.' + s.page : ''}</a>`).join('');
    const notice = reply.notice ? `<div class="warning">${escapeHtml(reply.notice)}</div>` : '';
    const images = reply.images > 0 ? ` · read ${reply.images} picture${reply.images === 1 ? '' : 's'}` : '';
    element.classList.remove('streaming');
    element.innerHTML = `${notice}<div class="reply-text">${withCitations(reply.answer, reply.sources)}</div>`
        + `<div class="chips">${chips}</div>`
        + `<div class="muted">${escapeHtml(reply.mode)}${images} · ${escapeHtml(renderTimings(reply.timings))}</div>`;
    bindCitations(element, reply.sources);
}

function setConversation(id) {
    conversationId = id;
    if (id) {
        localStorage.setItem(CONVERSATION_KEY, id);
    } else {
        localStorage.removeItem(CONVERSATION_KEY);
    }
    document.querySelectorAll('#conversations li').forEach((li) =>
        li.classList.toggle('current', li.dataset.conversation === id));
}

async function loadConversations() {
    try {
        const conversations = await api('/api/conversations');
        $('conversations').innerHTML = conversations.map((c) => `<li data-conversation="${escapeHtml(c.id)}"`
            + `${c.id === conversationId ? ' class="current"' : ''}><a href="#" class="open-conversation">${escapeHtml(c.title)}</a>`
            + ` <span class="muted">${c.turns}</span>`
            + ` <button class="link delete-conversation" title="Delete this conversation">×</button></li>`).join('');
    } catch (e) {
        $('conversations').innerHTML = `<li class="muted">${escapeHtml(e.message)}</li>`;
    }
}

async function openConversation(id) {
    $('chat-log').innerHTML = '';
    $('chat-error').textContent = '';
    if (!id) {
        setConversation(null);
        return;
    }
    try {
        const conversation = await api(`/api/conversations/${encodeURIComponent(id)}`);
        setConversation(id);
        for (const turn of conversation.turns) {
            addMessage('user', escapeHtml(turn.question));
            renderReply(addMessage('bot', ''), turn.reply);
        }
    } catch (e) {
        setConversation(null);
        if (e.status !== 404) {
            $('chat-error').textContent = e.message;
        }
    }
}

async function conversationAction(event) {
    const li = event.target.closest('li[data-conversation]');
    if (!li) {
        return;
    }
    event.preventDefault();
    if (event.target.classList.contains('delete-conversation')) {
        try {
            await api(`/api/conversations/${encodeURIComponent(li.dataset.conversation)}`, {method: 'DELETE'});
        } catch (e) {
            $('chat-error').textContent = e.message;
        }
        if (li.dataset.conversation === conversationId) {
            openConversation(null);
        }
        loadConversations();
    } else {
        openConversation(li.dataset.conversation);
    }
}

/** The events of a server-sent event stream in a fetch response: {event, data} objects. */
async function* serverSentEvents(response) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
        const {value, done} = await reader.read();
        if (done) {
            return;
        }
        buffer += decoder.decode(value, {stream: true}).replace(/\r\n/g, '\n');
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let event = 'message';
            const data = [];
            for (const line of frame.split('\n')) {
                if (line.startsWith('event:')) {
                    event = line.slice(6).trim();
                } else if (line.startsWith('data:')) {
                    data.push(line.slice(5).replace(/^ /, ''));
                }
            }
            if (data.length) {
                yield {event, data: JSON.parse(data.join('\n'))};
            }
        }
    }
}

function setChatBusy(busy) {
    $('chat-input').disabled = busy;
    $('chat-send').disabled = busy;
    $('chat-send').textContent = busy ? 'Answering…' : 'Send';
}

async function chat(event) {
    event.preventDefault();
    const message = $('chat-input').value;
    $('chat-error').textContent = '';
    if (!message.trim()) {
        $('chat-error').textContent = 'Type a message first.';
        return;
    }
    setChatBusy(true);
    addMessage('user', escapeHtml(message));
    $('chat-input').value = '';
    const pending = addMessage('bot streaming', '<span class="muted">searching…</span>');
    try {
        const response = await fetch('/api/chat/stream', {
            method: 'POST',
            headers: withKey({'Content-Type': 'application/json', 'Accept': 'text/event-stream'}),
            body: JSON.stringify({conversationId, message}),
        });
        if (!response.ok) {
            const body = await response.json().catch(() => null);
            throw new Error(`${body?.message || response.statusText} (HTTP ${response.status})`);
        }
        let text = '';
        for await (const {event: name, data} of serverSentEvents(response)) {
            if (name === 'retrieval') {
                setConversation(data.conversationId);
                pending.innerHTML = (data.notice ? `<div class="warning">${escapeHtml(data.notice)}</div>` : '')
                    + '<div class="reply-text"></div>';
            } else if (name === 'token') {
                text += data.text;
                pending.querySelector('.reply-text').textContent = text;
                $('chat-log').scrollTop = $('chat-log').scrollHeight;
            } else if (name === 'done') {
                renderReply(pending, data);
            } else if (name === 'error') {
                throw new Error(data.message);
            }
        }
        if (pending.classList.contains('streaming')) {
            throw new Error('The answer stopped before it was complete.');
        }
    } catch (e) {
        pending.remove();
        $('chat-error').textContent = e.message;
    } finally {
        setChatBusy(false);
        loadConversations();
    }
}

// ---- wiring ----------------------------------------------------------------------------------------------------------

$('file-input').addEventListener('change', (e) => upload([...e.target.files]));
const drop = $('drop');
drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    upload([...e.dataTransfer.files]);
});
$('documents').addEventListener('click', documentAction);
$('reindex-all').addEventListener('click', reindexAll);
$('jobs').addEventListener('click', async (e) => {
    const id = e.target.dataset?.retry;
    if (id) {
        try {
            await api(`/api/ingestion/${id}/retry`, {method: 'POST'});
        } catch (err) {
            $('upload-error').textContent = err.message;
        }
        pollIngestion();
    }
});
$('ask-form').addEventListener('submit', ask);
$('chat-form').addEventListener('submit', chat);
$('conversations').addEventListener('click', conversationAction);
$('new-chat').addEventListener('click', () => openConversation(null));
$('viewer-close').addEventListener('click', () => $('viewer').close());
document.addEventListener('visibilitychange', () => {
    if (document.hidden) {
        clearTimeout(pollTimer);
        clearTimeout(infoTimer);
    } else {
        loadInfo();
        pollIngestion();
    }
});
loadInfo();
pollIngestion();
loadDocuments();
loadConversations();
openConversation(conversationId);

// ---- API key field ---------------------------------------------------------------------------------------------------

$('api-key').value = localStorage.getItem(API_KEY) || '';
$('api-key').addEventListener('change', (event) => setApiKey(event.target.value.trim()));
