#!/usr/bin/python3
"""Option fuzzing of tessera's examples (the reliability review's bad-option list, as tests).

  option_fuzz.py --list                          print the configuration names, one per line
  option_fuzz.py --run NAME --bindir DIR [--asan] [--jobs N] [--table]
                                                 fuzz configuration NAME with the executables of DIR

For a configuration (an example with small, fast base options that succeed), the real and integer options of
tessera (not PETSc's own) are read from the example's -help output, which lists every option the run queried with
its current value and manual page. Each such option is then given each bad value (reals: nan, inf, -inf, -1, 0,
1e300; integers: -1, 0, 2147483647), one run per value, and the run is classified:

  rejected  nonzero exit and the output names the option (a clear error)
  accepted  exit 0: allowed only where ACCEPT documents the value as meaningful (e.g. -checkpoint_interval 0)
  other     nonzero exit without naming the option: allowed only where OTHER says why (e.g. not converged)
  crash     a signal, "Caught signal", a sanitizer report, or a run longer than the timeout

The test fails on any crash, on an undocumented acceptance (silent nonsense) and on an undocumented other error.
Every run is limited to TIMEOUT seconds and (without --asan) to 4 GiB of address space, so a huge size cannot take
the machine's memory.
"""
import concurrent.futures
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile

TIMEOUT = 60

# name: (executable, base options, regex of the options fuzzed by another configuration). Base runs must succeed in
# about a second. A class's options are read by the same code in every example, so they are fuzzed in one
# configuration.
CT = r'-(chemotaxis|cosine)_'
DCT = '-problem lowrank -n 16 -frames 32 -recon_psm_knots 5 -recon_max_it 2'  # RED-PSM: 31 dB, above -test's 20 dB
CONFIGS = {
    'rd': ('rd', '-da_grid_x 12 -da_grid_y 12 -ts_max_time 4 -test', None),
    'chemotaxis': ('chemotaxis', '-da_grid_x 8 -da_grid_y 8 -ts_max_time 0.002 -test', None),
    'chemotaxis-gaussian': ('chemotaxis', '-problem gaussian -gaussian_floor 1e-3 -da_grid_x 8 -da_grid_y 8 -ts_max_time 0.002 -test', CT + '|-(compare_tol|output_interval|checkpoint_interval)$'),
    'chemotaxis-step': ('chemotaxis', '-problem step -da_grid_x 8 -da_grid_y 8 -ts_max_time 0.002 -test', CT + '|-(compare_tol|output_interval|checkpoint_interval)$'),
    'chemotaxis_limits': ('chemotaxis_limits', '-chemotaxis_dim 1 -da_grid_x 16 -lim_eps 1e-1,1e-2 -lim_T 0.05 -lim_samples 4 -test', CT),
    'bench_chemotaxis': ('bench_chemotaxis', '-chemotaxis_dim 1 -da_grid_x 16 -bench_T 0.005 -bench_fd 0 -test', CT),
    'atom': ('atom', '-atom_z 2 -atom_preset fast -test', None),
    'atom_table': ('atom_table', '-z_min 1 -z_max 2 -atom_preset fast -test', r'-atom_'),
    'bench_atom': ('bench_atom', '-bench_z 2 -bench_repeat 3 -bench_sweep 0 -atom_preset fast', r'-atom_'),
    'nlp': ('nlp', '-problem HS7 -test -tao_gatol 1e-8', None),
    'logreg': ('logreg', '-test -tao_gatol 1e-6', r'(?!-logreg_)'),
    'nlp-control': ('nlp', '-problem CONTROL -control_n 4 -test -tao_gatol 1e-8', r'(?!-control_)'),
    'bench_alsketch': ('bench_alsketch', '-problems HS7 -bench_repeat 1', r'-tao_alsketch_'),
    'bilevel': ('bilevel', '-problem toy -test', None),
    'bench_bilevel': ('bench_bilevel', '-compare 0 -sizes 10 -max_it 3000 -peer_it 0 -numpy none', r'-toy_'),
    'imaging_phantoms': ('imaging_phantoms', '-n 8 -frames 4 -seeds 1 -output fuzz-phantoms.h5 -test', None),
    'bench_imaging': ('bench_imaging', '-n 16 -angles 8 -noise 0.2 -reps 1 -sk_python none -frames 1 -cnn_reps 3 -cnn_big_layers 0 -torch_python none -test', r'-phantom_'),
    # FBP and TV stay below the 20 dB that -test requires at this size (see tests/imaging.cmake): no -test here
    'dynamic_ct': ('dynamic_ct', DCT + ' -methods fbp,tv -recon_denoiser_type tv', r'-phantom_'),
    'dynamic_ct-redpsm': ('dynamic_ct', DCT + ' -methods redpsm,adam -recon_denoiser_type tv -test', r'(?!-recon_(psm|redpsm)_)'),
    'dynamic_ct-nlm': ('dynamic_ct', DCT + ' -methods redpsm -recon_denoiser_type nlm -test', r'(?!-recon_denoiser_nlm_)'),
    'dynamic_ct-cnn': ('dynamic_ct', DCT + ' -methods redpsm -recon_denoiser_type cnn -test', r'(?!-recon_denoiser_cnn_)'),
    'bilevel-borep': ('bilevel', '-problem quadratic -bilevel_type borep -test', r'(?!-bilevel_borep_)'),
    'bilevel-inequality': ('bilevel', '-problem inequality -test', r'(?!-inequality_)'),
    'bilevel-implicit': ('bilevel', '-problem toy -bilevel_type implicit -test', r'(?!-bilevel_implicit_)'),
    # the learning problems, cut to 50 iterations (their full runs take about a minute); cleaning reads the same
    # -svm_* options as svm (problems/bilevel/svm.c)
    'bilevel-llsc': ('bilevel', '-problem llsc -bilevel_max_it 50 -test', r'(?!-llsc_)'),
    'bilevel-svm': ('bilevel', '-problem svm -bilevel_max_it 50 -test', r'(?!-svm_)'),
}

PENDING = {}  # configurations that still find bad cases: run by hand with --run NAME, not registered as ctests

REAL_BAD = ['nan', 'inf', '-inf', '-1', '0', '1e300']
INT_BAD = ['-1', '0', '2147483647']

# (option, value): why the value is meaningful (the run must then succeed). '*' as the option matches every config.
ACCEPT = {
    ('-checkpoint_interval', '0'): 'documented: 0 means never',
    ('-checkpoint_interval', '2147483647'): 'an interval never reached: no checkpoint',
    ('-recon_checkpoint_interval', '0'): 'documented: 0 means never',
    ('-output_interval', '2147483647'): 'only the final state is written',
    ('-compare_tol', '0'): 'an exact comparison',
    ('-control_amplitude', '0'): 'a zero target: the start y = u = 0 is optimal',
    ('-control_amplitude', '-1'): 'a negative target is a target',
    ('-chemotaxis_eps', '0'): 'documented: eps >= 0 (the parabolic-elliptic system)',
    ('-chemotaxis_tau', '0'): 'documented: tau >= 0',
    ('-chemotaxis_blowup_max', '0'): 'documented: 0 selects the default threshold',
    ('-bench_imex_tol', '0'): 'documented: 0 runs the IMEX scheme at the tolerances of the implicit runs',
    ('-chemotaxis_blowup_max', '1e300'): 'a threshold never reached: no blow-up stop (a real blow-up still fails the TS)',
    ('-cosine_amp', '0'): 'documented: |amp| <= 1 (a constant density)',
    ('-cosine_amp', '-1'): 'documented: |amp| <= 1',
    ('-cosine_mode', '0'): 'mode 0 is the constant density',
    ('-gaussian_mass', '0'): 'a constant density when -gaussian_floor > 0 (the fuzz base has 1e-3); with no background it is refused naming -gaussian_mass',
    ('-gaussian_floor', '0'): 'documented: floor >= 0 (the default)',
    ('-gaussian_center', '0'): 'documented: 0..1 per direction (a bump in the corner; its blow-up is reported)',
    ('-step_low', '0'): 'documented: density in [0, 1e12]',
    ('-step_high', '0'): 'documented: density in [0, 1e12]',
    ('-step_fraction', '0'): 'documented: position in [0, 1] (a constant density)',
    ('-rd_gamma', '0'): 'documented: in [0, 100]',
    ('-rd_kappa', '0'): 'documented: in [0, 100]',
    ('-atom_eigensolver_warm', '0'): 'documented: 0 means never',
    ('-atom_mix_history', '0'): 'documented: 0 is linear mixing',
    ('-atom_scf_max_it', '2147483647'): 'an iteration budget (the SCF stops when converged)',
    ('-bench_sweep', '0'): 'documented: 0 skips the sweep',
    ('-bench_fd', '0'): 'documented: 0 skips',
    ('-peer_it', '0'): 'documented: 0 skips',
    ('-seeds', '0'): 'documented: 0 skips the seed statistics',
    ('-compare_max_it', '0'): 'documented: 0 gives each type its own default iteration limit (lvhba 500000, others 100000)',
    ('-cnn_big_layers', '0'): 'documented: 0 skips the large network',
    ('-noise_seed', '0'): 'any seed',
    ('-logreg_seed', '0'): 'any seed',
    ('-logreg_seed', '2147483647'): 'any seed',
    ('-logreg_split_seed', '0'): 'any seed',
    ('-logreg_split_seed', '2147483647'): 'any seed',
    ('-logreg_test_fraction', '0'): 'documented: 0 holds out no test set (the default)',
    ('-logreg_constraints', '0'): 'documented: k >= 0 (only ||x||^2 = 1)',
    ('-noise_seed', '2147483647'): 'any seed',
    ('-phantom_seed', '0'): 'any seed',
    ('-phantom_seed', '2147483647'): 'any seed',
    ('-phantom_amplitude', '0'): 'documented: motion amplitude in [0, 0.25) (no motion)',
    ('-ssim_interval', '2147483647'): 'SSIM of the final iterate only',
    ('-ssim_interval', '0'): 'documented: 0 computes no intermediate SSIM',
    ('-recon_rtol', '0'): 'documented: 0 runs -recon_max_it iterations',
    ('-bilevel_atol', '0'): 'a tolerance of 0 switches that test off (the others stop the run)',
    ('-bilevel_rtol', '0'): 'a tolerance of 0 switches that test off',
    ('-bilevel_gap_atol', '0'): 'a tolerance of 0 switches that test off',
    ('-bilevel_gap_rtol', '0'): 'a tolerance of 0 switches that test off',
    ('-tol_error', '0'): 'documented: 0 is off',
    ('-toy_start', '0'): 'a starting point',
    ('-toy_start', '-1'): 'a starting point',
    ('-quadratic_x0', '0'): 'a starting point',
    ('-quadratic_x0', '-1'): 'a starting point',
    ('-quadratic_y0', '0'): 'a starting point',
    ('-quadratic_y0', '-1'): 'a starting point',
    ('-inequality_x0', '0'): 'a starting point',
    ('-inequality_x0', '-1'): 'a starting point',
    ('-inequality_y0', '0'): 'a starting point',
    ('-inequality_y0', '-1'): 'a starting point',
    ('-inequality_spread', '0'): 'documented: the default, no perturbation of the start',
    ('-toy_spread', '0'): 'documented: the default, no perturbation of the start',
    ('-toy_seed', '0'): 'any seed',
    ('-toy_seed', '2147483647'): 'any seed',
    ('-inequality_seed', '0'): 'any seed',
    ('-inequality_seed', '2147483647'): 'any seed',
    ('-bilevel_borep_beta', '0'): 'documented: momentum in [0, 1); 0 is plain hypergradient steps',
    ('-bilevel_borep_init_steps', '0'): 'no refinement of the initial lower-level point',
    ('-recon_psm_chi', '0'): 'no penalty on Lambda',
    ('-recon_psm_xi', '0'): 'no penalty on Psi: meaningful when the data determine Z (then the Z normal matrix is definite, as here); when not, the Cholesky is refused naming -recon_psm_xi',
    ('-recon_psm_init_angles', '0'): 'documented: 0 means 2N angles',
    ('-recon_psm_init_harmonics', '0'): 'documented range 0..1000: the projection-domain start with the constant harmonic only',
    ('-recon_psm_init_ridge', '0'): 'the plain least-squares fit of the projection-domain start',
    ('-recon_redpsm_lambda', '0'): 'documented: lambda >= 0; 0 drops the RED term (the PSM model by the same ADMM)',
    ('-recon_denoiser_nlm_patch', '0'): 'documented range 0..64: patches of one pixel',
    ('-recon_denoiser_cnn_threads', '0'): 'documented: 0 takes OPENBLAS_NUM_THREADS or the cores per rank',
    ('-llsc_seed', '0'): 'any seed',
    ('-llsc_seed', '2147483647'): 'any seed',
    ('-svm_seed', '0'): 'any seed',
    ('-svm_seed', '2147483647'): 'any seed',
    ('-svm_flip', '0'): 'documented: a fraction in [0, 1] (no flipped labels, the svm default)',
    ('-svm_c0', '0'): 'documented: log-weights in [-700, 700] between -svm_cmin and -svm_cmax (weight 1)',
    ('-svm_c0', '-1'): 'documented: log-weights in [-700, 700] between -svm_cmin and -svm_cmax',
    ('-svm_cmin', '0'): 'documented: log-weights in [-700, 700], -svm_cmin < -svm_cmax',
    ('-svm_cmin', '-1'): 'documented: log-weights in [-700, 700], -svm_cmin < -svm_cmax',
    ('-svm_cmax', '0'): 'documented: log-weights in [-700, 700], -svm_cmin < -svm_cmax',
    ('-nlp_x0_perturb', '0'): 'documented: no perturbation of the start point (the default)',
    ('-nlp_x0_scale', '0'): 'documented: x0 <- s x0 for any s, here the start x = 0',
    ('-nlp_x0_scale', '-1'): 'documented: x0 <- s x0 for any s, here -x0',
    ('-nlp_x0_seed', '0'): 'any seed',
    ('-nlp_x0_seed', '2147483647'): 'any seed',
    ('-tao_alsketch_extend_max', '0'): 'no inner-solve continuation',
    ('-tao_alsketch_fallback_after', '0'): 'documented: 0 means never',
    ('-tao_alsketch_fallback_after', '2147483647'): 'never reached: no fallback',
    ('-tao_alsketch_hess_mod_tol', '0'): 'shift only an indefinite reduced Hessian',
    ('-tao_alsketch_jacobian_guard', '0'): 'the Jacobian guard off',
    ('-tao_alsketch_ksp_sketch_residual_every', '2147483647'): 'the true residual only at the end',
    ('-tao_alsketch_ksp_sketch_seed', '0'): 'any seed',
    ('-tao_alsketch_ksp_sketch_seed', '2147483647'): 'any seed',
    ('-tao_alsketch_roundoff_ulps', '0'): 'the round-off-aware acceptance off',
    ('-tao_alsketch_scaling_min_gradient', '0'): 'no up-scaling of small constraint rows',
    ('-tao_alsketch_stagnation_max', '2147483647'): 'the stagnation exit off',
    ('-tao_alsketch_theta_power', '0'): 'theta_t = theta (constant sharpening)',
}

# (option, value): why another error (not naming the option) is the right outcome
OTHER = {
    ('-bilevel_borep_decay', '0'): 'documented: q in [0, 1]; q = 0 keeps the outer step constant, which does not reach the 1e-3 x error in the default iterations: -test says so (exit nonzero)',
    ('-bilevel_borep_steps', '0'): 'no lower-level steps: BO-REP cannot converge (DIVERGED_MAXIT, t610-stopping checks it) and -test says so (exit nonzero)',
    ('-tao_alsketch_dense_max', '0'): 'the dense second-order check off: HS7 then stops at a KKT point that is not the minimum, and the example exits nonzero (-test) saying so',
}


def is_tessera(man, opt):
    """An option of tessera (class, problem or example), judged by its manual page (TaoALSketch's have none)"""
    return (man == '' and re.match(r'-(tao_alsketch|ksp_sketch)_', opt) is not None) or man.endswith('.c') or re.match(r'(Tessera|Chemotaxis|Atom|Bilevel|Denoiser|Recon|RadialFE|Phantom|NLPProblem|TaoALSketch|KSPSketch|MatRadon|MatCreateRadon|MatMRI|MatCreateMRI|MatCreateNeumannFFT|ProcessOptions|main)', man) is not None


OPTION_LINE = re.compile(r'^\s+(-[A-Za-z0-9_]+) <([^>]*)>:? (.*)\(([^()]*)\)\s*$')


def numeric_options(help_text):
    """[(option, 'real'|'int')] of tessera's numeric options in a -help output"""
    found = {}
    for line in help_text.splitlines():
        m = OPTION_LINE.match(line)
        if not m:
            continue
        opt, val, text, man = m.groups()
        if not is_tessera(man, opt) or 'one of)' in text or text.startswith('<'):
            continue
        val = val.strip()
        if val.startswith('now '):
            val = val[4:]
        first = val.split(':')[0].strip().split(',')[0]
        try:
            float(first)
        except ValueError:
            continue
        kind = 'int' if re.fullmatch(r'[+-]?\d+', first) else 'real'
        found.setdefault(opt, kind)
    return sorted(found.items())


def limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))


def run(cmd, asan, cwd):
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT='1', OMPI_ALLOW_RUN_AS_ROOT_CONFIRM='1', OMPI_MCA_pml='ob1', ASAN_OPTIONS='detect_leaks=0')
    # isolated Open MPI singletons share one session directory name: runs that overlap (--jobs) each get their own
    # directory below the test's (tests/TesseraTest.cmake, tessera_test_env)
    base = env.get('OMPI_MCA_orte_tmpdir_base')
    tmp = tempfile.mkdtemp(prefix='j', dir=base) if base and os.path.isdir(base) else None
    if tmp:
        env['OMPI_MCA_orte_tmpdir_base'] = tmp
    try:
        p = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=TIMEOUT, preexec_fn=None if asan else limit_memory)
        return p.returncode, p.stdout.decode(errors='replace')
    except subprocess.TimeoutExpired as e:
        return 'timeout', (e.stdout or b'').decode(errors='replace')
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


CRASH = re.compile(r'Caught signal|Segmentation|AddressSanitizer|runtime error:|LeakSanitizer|double free|stack smashing')


# an example that ran but did not converge (its iteration budget) exits with status 1 and says so: the value was taken
NOT_CONVERGED = re.compile(r'did not converge')


def classify(opt, rc, out):
    if rc == 'timeout':
        return 'crash', f'no exit within {TIMEOUT} s'
    if rc < 0 or CRASH.search(out):
        return 'crash', (CRASH.search(out).group(0) if CRASH.search(out) else f'signal {-rc}')
    if rc == 0 or (rc == 1 and NOT_CONVERGED.search(out) and not re.search(r'PETSC ERROR', out)):
        return 'accepted', ''
    # the option table PETSc prints after an error names every option given: not a message naming the option
    msg = re.sub(r'PETSc Option Table entries:.*?End of Error Message', '', out, flags=re.S)
    if re.search(re.escape(opt) + r'(?![A-Za-z0-9_])', msg):
        return 'rejected', ''
    return 'other', ''


def first_error(out):
    for line in out.splitlines():
        if 'PETSC ERROR:' in line and not re.search(r'PETSC ERROR: (-+|See |Petsc Release|.* on a .* named|Configure options|#\d+ |Option left|Checking the memory)', line):
            return line.split('PETSC ERROR:', 1)[1].strip()
    lines = [l for l in out.strip().splitlines() if l.strip()]
    return lines[-1] if lines else ''


def main():
    args = sys.argv[1:]
    if args[:1] == ['--list']:
        print('\n'.join(CONFIGS))
        return 0
    if args[:1] != ['--run'] or '--bindir' not in args:
        print(__doc__, file=sys.stderr)
        return 2
    name, bindir = args[1], args[args.index('--bindir') + 1]
    asan, table = '--asan' in args, '--table' in args
    jobs = int(args[args.index('--jobs') + 1]) if '--jobs' in args else 1
    exe, base, skip = CONFIGS[name] if name in CONFIGS else PENDING[name]
    cmd0 = [os.path.join(bindir, exe)] + base.split()
    cwd = os.getcwd()
    rc, out = run(cmd0 + ['-help'], asan, cwd)
    if rc != 0 and not (rc == 1 and NOT_CONVERGED.search(out)):
        print(f'option_fuzz {name}: the base run with -help failed (exit {rc}):\n{out}')
        return 1
    opts = [(o, k) for o, k in numeric_options(out) if not (skip and re.match(skip, o))]
    if not opts:
        print(f'option_fuzz {name}: no tessera numeric option found in the -help output')
        return 1
    cases = [(o, v) for o, kind in opts for v in (REAL_BAD if kind == 'real' else INT_BAD)]
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        results = list(pool.map(lambda c: run(cmd0 + [c[0], c[1]], asan, cwd), cases))
    counts, bad = {}, []
    for (o, v), (rc, out) in zip(cases, results):
        kind, why = classify(o, rc, out)
        counts[kind] = counts.get(kind, 0) + 1
        allowed = (kind == 'rejected') or (kind == 'accepted' and (o, v) in ACCEPT) or (kind == 'other' and (o, v) in OTHER)
        msg = why or first_error(out)
        if table or not allowed:
            print(f'{"ok " if allowed else "BAD"} {name}: {o} {v}: {kind}{" (" + (ACCEPT.get((o, v)) or OTHER.get((o, v)) or msg) + ")" if kind != "rejected" or table else ""}'[:400])
        if not allowed:
            bad.append((o, v, kind))
    print(f'option_fuzz {name}: {len(opts)} options, {len(cases)} runs: ' + ', '.join(f'{k} {n}' for k, n in sorted(counts.items())))
    if bad:
        print(f'option_fuzz {name}: {len(bad)} bad cases (crash, silent acceptance or an error not naming the option)')
        return 1
    print(f'option_fuzz {name}: every bad value is rejected naming the option or documented as meaningful: yes')
    return 0


if __name__ == '__main__':
    sys.exit(main())
