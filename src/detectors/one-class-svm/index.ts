import { createMatrix } from '../../math/matrix.js'
import { decodeArray, encodeArray, type EncodedArray } from '../../math/typed-array-codec.js'
import type { DetectorPlugin, FitNotes, Fitted } from '../types.js'
import { scoreRows } from './decision-function.js'
import { fitOneClassSvm } from './fit-one-class-svm.js'
import { rowSquaredNorms, type KernelType } from './kernel.js'
import type { OneClassSvmModel } from './model.js'
import { OneClassSvmParams } from './params.js'

/** The stored form of a trained one-class SVM: everything the decision function needs, nothing else. */
export interface OneClassSvmState {
  readonly kernel: KernelType
  /** The resolved coefficient (never 'scale'/'auto'). */
  readonly gamma: number
  readonly coef0: number
  readonly degree: number
  readonly nFeatures: number
  readonly rho: number
  /** Row-major support vectors, nSupport x nFeatures. */
  readonly supportVectors: EncodedArray
  readonly dualCoef: EncodedArray
}

function fitted(model: OneClassSvmModel, notes?: FitNotes): Fitted<OneClassSvmState> {
  const S = model.supportVectors
  const svNorms = rowSquaredNorms(S.data, S.rows, S.cols)
  return {
    score: (X) => scoreRows(model, svNorms, X),
    toJSON: () => ({
      kernel: model.kernel.type,
      gamma: model.kernel.gamma,
      coef0: model.kernel.coef0,
      degree: model.kernel.degree,
      nFeatures: S.cols,
      rho: model.rho,
      supportVectors: encodeArray(S.data),
      dualCoef: encodeArray(model.dualCoef),
    }),
    ...(notes ? { notes } : {}),
  }
}

export const oneClassSvm: DetectorPlugin<typeof OneClassSvmParams, OneClassSvmState> = {
  id: 'one_class_svm',
  title: 'One-class SVM',
  description:
    "Schölkopf et al. (2001), scikit-learn's OneClassSVM: a kernel boundary around the bulk of the training rows, solved with libsvm's SMO algorithm. Scores are -decision_function. Training grows faster than quadratically with rows, hence the max_samples cap; best on scaled features.",
  supervised: false,
  // an RBF kernel compares distances: the feature pipeline standardises inputs for it
  standardize: true,
  params: OneClassSvmParams,
  stateVersion: 1,
  async fit(train, params) {
    const fit = fitOneClassSvm(train.X, params, train.seed)
    return fitted(fit.model, {
      rows_used: fit.rowsUsed,
      max_samples_applied: fit.maxSamplesApplied,
      gamma: fit.model.kernel.gamma,
      n_support_vectors: fit.model.dualCoef.length,
      n_bounded_support_vectors: fit.boundedSupportVectors,
      solver_iterations: fit.iterations,
      converged: !fit.stoppedEarly,
    })
  },
  fromJSON(state) {
    const data = decodeArray(state.supportVectors, 'float64')
    const dualCoef = decodeArray(state.dualCoef, 'float64')
    if (data.length !== dualCoef.length * state.nFeatures) {
      throw new RangeError(`stored model has ${data.length} support-vector values for ${dualCoef.length} vectors of ${state.nFeatures} features`)
    }
    const kernel = { type: state.kernel, gamma: state.gamma, coef0: state.coef0, degree: state.degree }
    return fitted({ kernel, supportVectors: createMatrix(dualCoef.length, state.nFeatures, data), dualCoef, rho: state.rho })
  },
}
