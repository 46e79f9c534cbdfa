import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import '@vaadin/grid';
import '@vaadin/grid/vaadin-grid-sort-column.js';
import '@vaadin/text-area';
import '@vaadin/button';
import '@vaadin/select';

/**
 * The Qwen3-VL models of the application (name, task, state, source, dimension) and a text box that embeds a text
 * with a loaded embedding model and shows the first values of the vector.
 */
export class QwcQwen3vlModels extends LitElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        .panel { display: flex; flex-direction: column; gap: 1em; padding: 1em; }
        .row { display: flex; gap: 1em; align-items: end; }
        .values { font-family: monospace; }
        .error { color: var(--lumo-error-text-color); }
    `;

    static properties = {
        _models: { state: true },
        _model: { state: true },
        _text: { state: true },
        _result: { state: true },
    };

    constructor() {
        super();
        this._models = [];
        this._model = '';
        this._text = '';
        this._result = null;
    }

    connectedCallback() {
        super.connectedCallback();
        this._refresh();
    }

    _refresh() {
        this.jsonRpc.getModels().then(response => {
            this._models = response.result;
            const embedding = this._embeddingModels();
            if (embedding.length > 0 && !embedding.some(m => m.value === this._model)) {
                this._model = embedding[0].value;
            }
        });
    }

    _embeddingModels() {
        return this._models
            .filter(m => m.task === 'embedding')
            .map(m => ({ label: m.name, value: m.name }));
    }

    _embed() {
        this._result = null;
        this.jsonRpc.embed({ modelName: this._model, text: this._text }).then(response => {
            this._result = response.result;
            this._refresh();
        });
    }

    render() {
        return html`<div class="panel">
            <vaadin-grid .items="${this._models}" all-rows-visible>
                <vaadin-grid-sort-column path="name" header="Name"></vaadin-grid-sort-column>
                <vaadin-grid-sort-column path="task" header="Task"></vaadin-grid-sort-column>
                <vaadin-grid-sort-column path="state" header="State"></vaadin-grid-sort-column>
                <vaadin-grid-sort-column path="reference" header="Model"></vaadin-grid-sort-column>
                <vaadin-grid-sort-column path="dimension" header="Dimension"></vaadin-grid-sort-column>
                <vaadin-grid-sort-column path="failure" header="Failure"></vaadin-grid-sort-column>
            </vaadin-grid>
            <div class="row">
                <vaadin-select label="Embedding model" .items="${this._embeddingModels()}" .value="${this._model}"
                    @value-changed="${e => this._model = e.detail.value}"></vaadin-select>
                <vaadin-text-area label="Text" style="flex-grow: 1" .value="${this._text}"
                    @value-changed="${e => this._text = e.detail.value}"></vaadin-text-area>
                <vaadin-button theme="primary" @click="${this._embed}"
                    ?disabled="${!this._model || !this._text}">Embed</vaadin-button>
            </div>
            ${this._renderResult()}
        </div>`;
    }

    _renderResult() {
        if (!this._result) {
            return html``;
        }
        if (this._result.error) {
            return html`<div class="error">${this._result.error}</div>`;
        }
        const values = this._result.first.map(v => v.toFixed(6)).join(', ');
        return html`<div>
            Dimension ${this._result.dimension}, ${this._result.tokens} tokens. First values:
            <span class="values">[${values}${this._result.dimension > this._result.first.length ? ', …' : ''}]</span>
        </div>`;
    }
}
customElements.define('qwc-qwen3vl-models', QwcQwen3vlModels);
