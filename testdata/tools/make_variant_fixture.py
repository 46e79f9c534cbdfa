#!/usr/bin/env python3
"""Builds testdata/qwen3vl-variant: a second Qwen3-VL fixture folder in the format of testdata/qwen3vl-tiny
(tiny-model/, images/, golden.json, golden.safetensors), with a differently shaped random model whose
goldens are computed by the numpy reference implementation.

Usage:
    python3 make_variant_fixture.py REFERENCE_PY SOURCE_FIXTURE OUT_DIR SEED
    python3 make_variant_fixture.py REFERENCE_PY --check FIXTURE_DIR

REFERENCE_PY    the numpy reference (qwen3vl_reference.py), imported by path
SOURCE_FIXTURE  a fixture folder of the same format (testdata/qwen3vl-tiny): its images, tokenizer, tables
                and case inputs are reused; only the model and every model-dependent output are new
OUT_DIR         the folder to write (replaced if it exists, except its README.md)
SEED            integer seed of the weights

--check runs the reference's own checks (its Fixture class, unchanged) over FIXTURE_DIR. The reference reads
tiny-model/model.safetensors only; this check gives it the sharded checkpoint through the index instead.

Needs python3 with numpy and regex (for the reference tokenizer); nothing else.
"""
import importlib.util
import json
import math
import os
import shutil
import struct
import sys

import numpy as np

F32 = np.float32

# ------------------------------------------------------------------------------------------------------------
# the variant architecture (see README.md of the output folder)
# ------------------------------------------------------------------------------------------------------------

TEXT = dict(hidden=48, layers=3, heads=6, kv_heads=2, head_dim=16, intermediate=80, mrope_section=[4, 2, 2],
            rope_theta=1e6, eps=1e-6, vocab=151936)
VISION = dict(depth=3, hidden=24, heads=3, intermediate=40, out_hidden=48, patch=16, temporal_patch=2, merge=2,
              positions=36, deepstack=[0, 2])
SHARD_NAMES = ['model-00001-of-00002.safetensors', 'model-00002-of-00002.safetensors']
HIDDEN_STATE_CASES = ('text_default', 'image_only')
VISION_IMAGE = 'a_64x96.png'


def load_reference(path):
    spec = importlib.util.spec_from_file_location('qwen3vl_reference', path)
    ref = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ref)
    return ref


# ------------------------------------------------------------------------------------------------------------
# config.json (transformers 4.57 spelling: rope_theta + rope_scaling)
# ------------------------------------------------------------------------------------------------------------

def make_config():
    t, v = TEXT, VISION
    assert sum(t['mrope_section']) == t['head_dim'] // 2
    assert t['heads'] % t['kv_heads'] == 0 and v['hidden'] % v['heads'] == 0
    assert v['out_hidden'] == t['hidden'] and len(v['deepstack']) <= t['layers']
    return {
        'architectures': ['Qwen3VLForConditionalGeneration'],
        'image_token_id': 151655,
        'model_type': 'qwen3_vl',
        'text_config': {
            'attention_bias': False,
            'attention_dropout': 0.0,
            'bos_token_id': 151643,
            'eos_token_id': 151645,
            'head_dim': t['head_dim'],
            'hidden_act': 'silu',
            'hidden_size': t['hidden'],
            'initializer_range': 0.02,
            'intermediate_size': t['intermediate'],
            'max_position_embeddings': 4096,
            'model_type': 'qwen3_vl_text',
            'num_attention_heads': t['heads'],
            'num_hidden_layers': t['layers'],
            'num_key_value_heads': t['kv_heads'],
            'rms_norm_eps': t['eps'],
            'rope_scaling': {'mrope_interleaved': True, 'mrope_section': t['mrope_section'],
                             'rope_type': 'default'},
            'rope_theta': t['rope_theta'],
            'tie_word_embeddings': False,
            'use_cache': True,
            'vocab_size': t['vocab'],
        },
        'tie_word_embeddings': False,
        'torch_dtype': 'bfloat16',
        'transformers_version': '4.57.3',
        'video_token_id': 151656,
        'vision_config': {
            'deepstack_visual_indexes': v['deepstack'],
            'depth': v['depth'],
            'hidden_act': 'gelu_pytorch_tanh',
            'hidden_size': v['hidden'],
            'in_channels': 3,
            'initializer_range': 0.02,
            'intermediate_size': v['intermediate'],
            'model_type': 'qwen3_vl_vision',
            'num_heads': v['heads'],
            'num_position_embeddings': v['positions'],
            'out_hidden_size': v['out_hidden'],
            'patch_size': v['patch'],
            'spatial_merge_size': v['merge'],
            'temporal_patch_size': v['temporal_patch'],
        },
        'vision_end_token_id': 151653,
        'vision_start_token_id': 151652,
    }


# ------------------------------------------------------------------------------------------------------------
# random weights, rounded to BF16 (the goldens use exactly the stored values)
# ------------------------------------------------------------------------------------------------------------

def to_bf16_bits(x):
    """float32 -> BF16 bit patterns (round to nearest even)."""
    u = np.ascontiguousarray(x, dtype=F32).view(np.uint32).astype(np.uint64)
    return ((u + 0x7FFF + ((u >> 16) & 1)) >> 16).astype(np.uint16)


def from_bf16_bits(b):
    return (b.astype(np.uint32) << 16).view(F32)


def draw_weights(rng):
    """Shapes of the real checkpoints; scales like the tiny fixture's (query/key projections at twice the
    1/sqrt(fan_in) scale and q/k norm gains around 1.6, so that attention is sharp)."""
    t, v = TEXT, VISION
    W = {}

    def linear(name, out, inp, gain=1.0, bias=False):
        W[name + '.weight'] = rng.standard_normal((out, inp)) * (gain / math.sqrt(inp))
        if bias:
            W[name + '.bias'] = rng.standard_normal(out) * 0.1

    def gains(name, n, mean=1.0):
        W[name] = mean + 0.2 * rng.standard_normal(n)

    def layernorm(name, n):
        gains(name + '.weight', n)
        W[name + '.bias'] = rng.standard_normal(n) * 0.1

    # vision tower
    D, M2 = v['hidden'], v['merge'] ** 2
    row = 3 * v['temporal_patch'] * v['patch'] ** 2
    vp = 'model.visual.'
    W[vp + 'patch_embed.proj.weight'] = (rng.standard_normal((D, row)) / math.sqrt(row)).reshape(
        D, 3, v['temporal_patch'], v['patch'], v['patch'])
    W[vp + 'patch_embed.proj.bias'] = rng.standard_normal(D) * 0.1
    W[vp + 'pos_embed.weight'] = rng.standard_normal((v['positions'], D)) * 0.5
    for i in range(v['depth']):
        b = vp + 'blocks.%d.' % i
        layernorm(b + 'norm1', D)
        linear(b + 'attn.qkv', 3 * D, D, gain=2.0, bias=True)
        linear(b + 'attn.proj', D, D, bias=True)
        layernorm(b + 'norm2', D)
        linear(b + 'mlp.linear_fc1', v['intermediate'], D, bias=True)
        linear(b + 'mlp.linear_fc2', D, v['intermediate'], bias=True)
    for pre, norm_width in [('merger.', D)] + [('deepstack_merger_list.%d.' % k, D * M2)
                                                for k in range(len(v['deepstack']))]:
        layernorm(vp + pre + 'norm', norm_width)
        linear(vp + pre + 'linear_fc1', D * M2, D * M2, bias=True)
        linear(vp + pre + 'linear_fc2', v['out_hidden'], D * M2, bias=True)
    # text decoder
    H, hd = t['hidden'], t['head_dim']
    lp = 'model.language_model.'
    W[lp + 'embed_tokens.weight'] = rng.standard_normal((t['vocab'], H))
    for i in range(t['layers']):
        b = lp + 'layers.%d.' % i
        gains(b + 'input_layernorm.weight', H)
        linear(b + 'self_attn.q_proj', t['heads'] * hd, H, gain=2.0)
        linear(b + 'self_attn.k_proj', t['kv_heads'] * hd, H, gain=2.0)
        linear(b + 'self_attn.v_proj', t['kv_heads'] * hd, H)
        linear(b + 'self_attn.o_proj', H, t['heads'] * hd)
        gains(b + 'self_attn.q_norm.weight', hd, mean=1.6)
        gains(b + 'self_attn.k_norm.weight', hd, mean=1.6)
        gains(b + 'post_attention_layernorm.weight', H)
        linear(b + 'mlp.gate_proj', t['intermediate'], H)
        linear(b + 'mlp.up_proj', t['intermediate'], H)
        linear(b + 'mlp.down_proj', H, t['intermediate'])
    gains(lp + 'norm.weight', H)
    # untied LM head: its own values, scaled so that yes/no logits stay in the sigmoid's sensitive range
    W['lm_head.weight'] = rng.standard_normal((t['vocab'], H)) * (2.0 / math.sqrt(H))
    bits = {k: to_bf16_bits(np.asarray(a, dtype=F32)) for k, a in W.items()}
    return bits, {k: from_bf16_bits(b) for k, b in bits.items()}


# ------------------------------------------------------------------------------------------------------------
# safetensors writer
# ------------------------------------------------------------------------------------------------------------

def write_safetensors(path, tensors):
    """tensors: name -> (dtype string, numpy array with that dtype's bytes). Keys are written sorted."""
    header = {'__metadata__': {'format': 'pt'}}
    blobs = []
    off = 0
    for name in sorted(tensors):
        dtype, arr = tensors[name]
        raw = np.ascontiguousarray(arr).tobytes()
        header[name] = {'dtype': dtype, 'shape': list(arr.shape), 'data_offsets': [off, off + len(raw)]}
        blobs.append(raw)
        off += len(raw)
    h = json.dumps(header, separators=(',', ':')).encode('utf-8')
    h += b' ' * (-len(h) % 8)
    with open(path, 'wb') as fh:
        fh.write(struct.pack('<Q', len(h)))
        fh.write(h)
        for b in blobs:
            fh.write(b)
    return off


def write_sharded_checkpoint(model_dir, bits):
    """Shard 1: embed_tokens and the vision tower; shard 2: the decoder layers, final norm and lm_head."""
    first = {k for k in bits if k.startswith('model.visual.') or k == 'model.language_model.embed_tokens.weight'}
    weight_map = {}
    total = 0
    for shard, keys in zip(SHARD_NAMES, [first, set(bits) - first]):
        total += write_safetensors(os.path.join(model_dir, shard),
                                   {k: ('BF16', bits[k].view('<u2')) for k in keys})
        weight_map.update({k: shard for k in keys})
    index = {'metadata': {'total_size': total}, 'weight_map': dict(sorted(weight_map.items()))}
    with open(os.path.join(model_dir, 'model.safetensors.index.json'), 'w') as fh:
        json.dump(index, fh, indent=2)
        fh.write('\n')


def load_sharded(ref, model_dir):
    with open(os.path.join(model_dir, 'model.safetensors.index.json')) as fh:
        weight_map = json.load(fh)['weight_map']
    out = {}
    for shard in sorted(set(weight_map.values())):
        tensors = ref.load_safetensors(os.path.join(model_dir, shard))
        out.update({k: a for k, a in tensors.items() if weight_map.get(k) == shard})
    missing = set(weight_map) - set(out)
    assert not missing, 'index names tensors its shards lack: %s' % sorted(missing)[:5]
    return out


# ------------------------------------------------------------------------------------------------------------
# goldens
# ------------------------------------------------------------------------------------------------------------

def floats(a):
    return [float(x) for x in np.asarray(a, dtype=F32).reshape(-1)]


class Generator:
    def __init__(self, ref, source, out, weights, seed):
        self.ref = ref
        self.source = source
        self.out = out
        self.seed = seed
        self.cfg = ref.Cfg(os.path.join(out, 'tiny-model', 'config.json'))
        # the reference's image / video preprocessing is written for these values
        assert (self.cfg.patch, self.cfg.tps, self.cfg.merge) == (16, 2, 2)
        self.W = weights
        self.vision = ref.Vision(self.cfg, weights)
        self.decoder = ref.Decoder(self.cfg, weights)
        self.tok = ref.Tokenizer(os.path.join(out, 'tiny-model', 'tokenizer.json'))
        with open(os.path.join(source, 'golden.json')) as fh:
            self.src = json.load(fh)
        self.src_tensors = ref.load_safetensors(os.path.join(source, 'golden.safetensors'))
        self.tensors = {}
        self.images = {}
        self.video_out = None

    def img(self, name):
        return os.path.join(self.out, 'images', name)

    def image(self, name):
        if name not in self.images:
            pv, grid, res, _ = self.ref.preprocess_image(self.img(name))
            merged, ds = self.vision.forward(pv, [grid])
            self.images[name] = dict(pv=pv, grid=grid, resized=res, merged=merged, ds=ds)
        return self.images[name]

    def video(self):
        if self.video_out is None:
            v = self.src['video']
            pv, grid, idx, fps = self.ref.preprocess_frame_list([self.img(f) for f in v['frames']],
                                                                sample_fps=v['fps'])
            ts = self.ref.timestamps(idx, fps)
            merged, ds = self.vision.forward(pv, [grid])
            self.video_out = dict(pv=pv, grid=grid, ts=ts, merged=merged, ds=ds,
                                  json={'frames': v['frames'], 'fps': v['fps'], 'grid_thw': grid,
                                        'timestamps': ['{:.1f}'.format(x) for x in ts],
                                        'pixel_values': 'pixel_values_videos/v'})
            src_pv = self.src_tensors.get(v['pixel_values'])
            if src_pv is not None:
                d = float(np.max(np.abs(src_pv - pv)))
                print('video pixel values vs source fixture: max|d| %.1e' % d)
                assert d <= 1e-6
            assert grid == v['grid_thw'] and self.video_out['json']['timestamps'] == v['timestamps']
        return self.video_out

    def image_preprocess_case(self, c):
        r = self.image(c['image'])
        out = {'kind': 'image_preprocess', 'image': c['image'], 'resized_png': c.get('resized_png'),
               'resized_hw': list(r['resized'].shape[:2]), 'grid_thw': r['grid'], 'pixel_values': None}
        if c.get('resized_png'):
            expected, _ = self.ref.load_rgb(self.img(c['resized_png']))
            assert np.array_equal(expected, r['resized']), 'resize differs from ' + c['resized_png']
        if c.get('pixel_values'):
            out['pixel_values'] = 'pixel_values/' + c['image']
            self.tensors[out['pixel_values']] = r['pv']
        assert out['grid_thw'] == c['grid_thw'] and out['resized_hw'] == c['resized_hw']
        return out

    def forward(self, prompt, images, with_video, append_eos):
        ref = self.ref
        grids = [self.image(n)['grid'] for n in images]
        v = self.video() if with_video else None
        expanded = ref.expand_prompt(prompt, grids, [v['grid']] if v else [], [v['ts']] if v else [],
                                     self.cfg.merge)
        ids = self.tok.encode(expanded) + ([self.src['token_ids']['endoftext']] if append_eos else [])
        pos = ref.rope_index(ids, grids, [v['grid']] if v else [], self.cfg)
        img_feats = img_ds = vid_feats = vid_ds = None
        if images:
            img_feats = np.concatenate([self.image(n)['merged'] for n in images], 0)
            img_ds = [np.concatenate([self.image(n)['ds'][k] for n in images], 0)
                      for k in range(len(self.cfg.ds_idx))]
        if v:
            vid_feats, vid_ds = v['merged'], v['ds']
        out, hs, hs_pre = self.decoder.forward(ids, pos, img_feats, vid_feats, img_ds, vid_ds)
        common = {'prompt': prompt, 'expanded_prompt': expanded, 'input_ids': ids,
                  'position_ids': pos.tolist(), 'image_grid_thw': grids}
        return common, out, hs_pre

    def embedding_case(self, c):
        ref = self.ref
        case = {k: c[k] for k in ('kind', 'id', 'instruction', 'texts', 'images', 'video')}
        common, out, hs_pre = self.forward(ref.emb_prompt(case), case['images'], bool(case['video']), True)
        assert common['prompt'] == c['prompt'], 'prompt rule changed for ' + c['id']
        case.update(common)
        case['video_grid_thw'] = [self.video()['grid']] if case['video'] else []
        pooled = out[-1]
        case['pooled'] = floats(pooled)
        case['embedding'] = floats(ref.l2n(pooled))
        case['embedding_dim16'] = floats(ref.l2n(pooled[:16]))
        case['embedding_dim8'] = floats(ref.l2n(pooled[:8]))
        if c['id'] in HIDDEN_STATE_CASES:
            # 0 = input embeddings, i = output of decoder layer i before DeepStack, last = after the final norm
            states = hs_pre[:self.cfg.n_layers] + [out]
            keys = []
            for i, s in enumerate(states):
                keys.append('hidden/%s/%d' % (c['id'], i))
                self.tensors[keys[-1]] = s
            case['hidden_states'] = keys
        return case

    def rerank_case(self, c):
        ref = self.ref
        case = {k: c[k] for k in ('kind', 'id', 'instruction', 'query_texts', 'query_images', 'doc_texts',
                                  'doc_images')}
        images = case['query_images'] + case['doc_images']
        common, out, _ = self.forward(ref.rr_prompt(case), images, False, False)
        assert common['prompt'] == c['prompt'], 'prompt rule changed for ' + c['id']
        case.update(common)
        h = out[-1].astype(np.float64)
        head = self.W['lm_head.weight']
        tid = self.src['token_ids']
        yes, no = head[tid['yes']].astype(np.float64), head[tid['no']].astype(np.float64)
        case['logit_yes'] = float(h @ yes)
        case['logit_no'] = float(h @ no)
        case['logit_diff'] = float(h @ (yes - no))
        case['score'] = 1.0 / (1.0 + math.exp(-case['logit_diff']))
        return case

    def run(self):
        cases = []
        for c in self.src['cases']:
            kind = c['kind']
            cases.append(getattr(self, kind + '_case')(c))
            print('case %-17s %s' % (kind, c.get('id', c.get('image'))))
        self.tensors['pixel_values_videos/v'] = self.video()['pv']
        a = self.image(VISION_IMAGE)
        stem = VISION_IMAGE[:-len('.png')]
        self.tensors['vision/%s/merged' % stem] = a['merged']
        for k, d in enumerate(a['ds']):
            self.tensors['vision/%s/deepstack%d' % (stem, k)] = d
        golden = {
            'about': ('Reference outputs of the numpy reference implementation (qwen3vl_reference.py, float32) '
                      'for a randomly initialised Qwen3-VL variant stored in tiny-model/ (bf16 weights in two '
                      'shards, untied lm_head), written by testdata/tools/make_variant_fixture.py with seed %d.'
                      % self.seed),
            'token_ids': self.src['token_ids'],
            'video': self.video()['json'],
            'smart_resize': self.src['smart_resize'],
            'timestamps': self.src['timestamps'],
            'linspace': self.src['linspace'],
            'tokenizer': self.src['tokenizer'],
            'cases': cases,
        }
        for name, arr in self.tensors.items():
            assert np.all(np.isfinite(arr)), name
        with open(os.path.join(self.out, 'golden.json'), 'w') as fh:
            json.dump(golden, fh, indent=1, ensure_ascii=False)
            fh.write('\n')
        write_safetensors(os.path.join(self.out, 'golden.safetensors'),
                          {k: ('F32', np.asarray(v, dtype='<f4')) for k, v in self.tensors.items()})


# ------------------------------------------------------------------------------------------------------------
# attention sharpness report (how peaked the softmax rows are)
# ------------------------------------------------------------------------------------------------------------

def sharpness_report(ref, gen):
    original = ref.softmax
    rows = {'vision': [], 'text': []}
    state = {'part': 'vision'}

    def recording(x):
        p = original(x)
        rows[state['part']].append(float(p.max(-1).mean()))
        return p

    ref.softmax = recording
    try:
        gen.images.clear()
        gen.image(VISION_IMAGE)
        state['part'] = 'text'
        gen.forward(ref.emb_prompt({'texts': ['A woman playing with her dog on a beach at sunset.']}), [], False, True)
    finally:
        ref.softmax = original
        gen.images.clear()
    for part, values in rows.items():
        print('attention %-6s mean max-probability per layer: %s' % (part, ' '.join('%.2f' % v for v in values)))


# ------------------------------------------------------------------------------------------------------------
# main
# ------------------------------------------------------------------------------------------------------------

def build(ref, source, out, seed):
    readme = None
    if os.path.isdir(out):
        if os.path.isfile(os.path.join(out, 'README.md')):
            with open(os.path.join(out, 'README.md')) as fh:
                readme = fh.read()
        shutil.rmtree(out)
    model_dir = os.path.join(out, 'tiny-model')
    os.makedirs(model_dir)
    if readme is not None:
        with open(os.path.join(out, 'README.md'), 'w') as fh:
            fh.write(readme)
    shutil.copytree(os.path.join(source, 'images'), os.path.join(out, 'images'))
    for f in ('tokenizer.json', 'tokenizer_config.json'):
        shutil.copyfile(os.path.join(source, 'tiny-model', f), os.path.join(model_dir, f))
    with open(os.path.join(model_dir, 'config.json'), 'w') as fh:
        json.dump(make_config(), fh, indent=2)
        fh.write('\n')
    bits, weights = draw_weights(np.random.default_rng(seed))
    write_sharded_checkpoint(model_dir, bits)
    # compute from what was written, exactly as a reader of the folder sees it
    stored = load_sharded(ref, model_dir)
    assert set(stored) == set(weights) and all(np.array_equal(stored[k], weights[k]) for k in weights)
    gen = Generator(ref, source, out, stored, seed)
    sharpness_report(ref, gen)
    gen.run()


def check(ref, fixture):
    model_dir = os.path.join(fixture, 'tiny-model')
    single = os.path.join(model_dir, 'model.safetensors')
    original = ref.load_safetensors

    def loading(path):
        if os.path.abspath(path) == os.path.abspath(single) and not os.path.exists(single):
            return load_sharded(ref, model_dir)
        return original(path)

    ref.load_safetensors = loading
    try:
        return ref.main([fixture])
    finally:
        ref.load_safetensors = original


def main(argv):
    if len(argv) == 3 and argv[1] == '--check':
        return check(load_reference(argv[0]), argv[2])
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    ref_path, source, out, seed = argv
    build(load_reference(ref_path), source, out, int(seed))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
