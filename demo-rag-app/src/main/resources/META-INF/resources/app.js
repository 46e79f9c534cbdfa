// Web page of the Qwen3-VL demo: upload, ingestion progress, ask (search + answer) and chat. No build step.
'use strict';

const $ = (id) => document.getElementById(id);
let conversationId = null;
let pollTimer = null;

function escapeHtml(text) {
    return String(text ?? '').replace(/[&<>"']/g,
        (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
}

/** Escapes an answer and links its [n] citations to the result cards with the given id prefix. */
function withCitations(text, prefix) {
    return escapeHtml(text).replace(/\[(\d+)\]/g, (m, n) => `<a class="cite" href="#${prefix}${n}">[${n}]</a>`);
}

async function api(path, options = {}) {
    const response = await fetch(path, options);
    const body = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
    if (!response.ok) {
        const message = body?.message || `${response.status} ${response.statusText}`;
        throw new Error(`${message} (HTTP ${response.status})`);
    }
    return body;
}

// ---- status ----------------------------------------------------------------------------------------------------------

async function loadInfo() {
    try {
        const info = await api('/api/info');
        const badges = Object.entries(info.models).map(([task, m]) => {
            const state = m.state.split(':')[0];
            const name = m.reference.split('/').pop();
            return `<span class="badge ${escapeHtml(state)}" title="${escapeHtml(m.reference + ': ' + m.state)}">`
                + `${escapeHtml(task === 'scoring' ? 'reranker' : task)}: ${escapeHtml(name)} · ${escapeHtml(state)}</span>`;
        });
        badges.push(info.chatModel
            ? `<span class="badge ready">chat: ${escapeHtml(info.chatModel)}</span>`
            : '<span class="badge">no chat model: extractive answers</span>');
        $('status').innerHTML = badges.join('');
        $('generate-label').hidden = !info.chatModel;
        $('supported').textContent = info.supportedExtensions.join(' ') + ` · at most ${Math.round(info.maxFileSize / 1048576)} MB`;
        $('topk').max = info.maxTopK;
        $('topn').max = info.maxTopK;
        if (!$('topk').dataset.set) {
            $('topk').value = info.topK;
            $('topn').value = info.topN;
            $('topk').dataset.set = 'true';
        }
        if (Object.values(info.models).some((m) => m.state === 'loading')) {
            setTimeout(loadInfo, 3000);
        }
    } catch (e) {
        $('status').innerHTML = `<span class="badge failed">${escapeHtml(e.message)}</span>`;
        setTimeout(loadInfo, 5000);
    }
}

// ---- upload and ingestion ----------------------------------------------------------------------------------------------

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
    let delay = 4000;
    try {
        const progress = await api('/api/ingestion');
        $('jobs').innerHTML = progress.jobs.map(renderJob).join('');
        const done = progress.jobs.filter((j) => j.status === 'DONE').length;
        $('ingestion-summary').textContent = progress.active > 0
            ? `${progress.active} in progress` : `${done} ingested, ${progress.jobs.length} jobs`;
        if (progress.active > 0) {
            delay = 1000;
        }
    } catch (e) {
        $('ingestion-summary').textContent = e.message;
    }
    pollTimer = setTimeout(pollIngestion, delay);
}

// ---- ask -----------------------------------------------------------------------------------------------------------------

function scoreLine(source, index) {
    const move = source.retrievalRank - (index + 1);
    const arrow = move > 0 ? `<span class="up">▲${move}</span>` : move < 0 ? `<span class="down">▼${-move}</span>` : '＝';
    return `retrieval <b>${source.retrievalScore.toFixed(4)}</b> (#${source.retrievalRank})`
        + ` → rerank <b>${source.rerankScore.toFixed(4)}</b> (#${index + 1}) ${arrow}`;
}

function thumbnail(source) {
    if (source.thumbnailUrl) {
        const img = `<img class="thumb" src="${escapeHtml(source.thumbnailUrl)}" alt="${escapeHtml(source.source)}">`;
        return source.mediaUrl ? `<a href="${escapeHtml(source.mediaUrl)}" target="_blank" rel="noopener">${img}</a>` : img;
    }
    return `<span class="doc-icon">${escapeHtml((source.kind || 'text').toUpperCase())}</span>`;
}

function renderResults(sources) {
    $('results').innerHTML = sources.map((s, i) => `
        <article class="result" id="src-${i + 1}" data-source="${escapeHtml(s.source)}">
            <div class="thumb-box">${thumbnail(s)}</div>
            <div>
                <div class="result-head"><span class="rank">[${i + 1}]</span>
                    <span class="source">${escapeHtml(s.source)}</span>
                    ${s.page ? `<span class="muted">page ${s.page}</span>` : ''}
                    <span class="muted">${escapeHtml(s.kind || '')}</span></div>
                <div class="scores">${scoreLine(s, i)}</div>
                <div class="text">${escapeHtml(s.text)}</div>
            </div>
        </article>`).join('');
}

function renderTimings(t, candidates) {
    const parts = [`embed ${t.embedMs} ms`, `search ${t.searchMs} ms`, `rerank ${t.rerankMs} ms`];
    if (t.generateMs > 0) {
        parts.push(`generate ${t.generateMs} ms`);
    }
    return (candidates !== undefined ? `${candidates} candidates · ` : '') + parts.join(' · ');
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
            }),
        });
        $('answer').hidden = false;
        $('answer').innerHTML = `<span class="mode ${response.mode}">${response.mode}</span>\n`
            + withCitations(response.answer, 'src-');
        $('timings').textContent = renderTimings(response.timings, response.candidates);
        renderResults(response.sources);
    } catch (e) {
        $('ask-error').textContent = e.message;
    } finally {
        button.disabled = false;
        button.textContent = 'Ask';
    }
}

// ---- chat ------------------------------------------------------------------------------------------------------------

function addMessage(kind, html) {
    const div = document.createElement('div');
    div.className = `msg ${kind}`;
    div.innerHTML = html;
    $('chat-log').appendChild(div);
    $('chat-log').scrollTop = $('chat-log').scrollHeight;
    return div;
}

async function chat(event) {
    event.preventDefault();
    const message = $('chat-input').value;
    $('chat-error').textContent = '';
    if (!message.trim()) {
        $('chat-error').textContent = 'Type a message first.';
        return;
    }
    addMessage('user', escapeHtml(message));
    $('chat-input').value = '';
    const pending = addMessage('bot', '…');
    try {
        const reply = await api('/api/chat', {
            method: 'POST',
            headers: {'Content-Type': 'application/json'},
            body: JSON.stringify({conversationId, message}),
        });
        conversationId = reply.conversationId;
        const chips = reply.sources.map((s, i) => `<span class="chip" title="${escapeHtml(s.text.slice(0, 300))}">`
            + (s.thumbnailUrl ? `<img src="${escapeHtml(s.thumbnailUrl)}" alt="">` : '')
            + `[${i + 1}] ${escapeHtml(s.source)}${s.page ? ' p.' + s.page : ''}</span>`).join('');
        pending.innerHTML = `${escapeHtml(reply.answer)}<div class="chips">${chips}</div>`
            + `<div class="muted">${escapeHtml(reply.mode)} · ${escapeHtml(renderTimings(reply.timings))}</div>`;
    } catch (e) {
        pending.remove();
        $('chat-error').textContent = e.message;
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
$('new-chat').addEventListener('click', () => {
    conversationId = null;
    $('chat-log').innerHTML = '';
});
loadInfo();
pollIngestion();
