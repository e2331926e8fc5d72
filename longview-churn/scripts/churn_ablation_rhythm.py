"""Second churn ablation (2026-11-25): does the model's own BG/NBD probability of a purchase within
the horizon (stacked as a feature), or a customer's own-rhythm return probability, lift the
online-retail 90-day churn AUC above the RFM logistic baseline? Same folds and features as
churn_ablation.py (whose build() this reuses), chosen on the validation folds only; the test fold
is printed for the record. New features (all from events before the cutoff):
  bg_preturn   BG/NBD (fitted by ML on that cutoff's customers, weeks, purchase days)
               P(alive) * (1 - ((alpha+T)/(alpha+T+90/7))^(r+x)) = P(a purchase within 90 days)
  bg_palive    BG/NBD P(alive)
  own_return   (#own gaps g with recency < g <= recency + 90, + 0.5) / (#own gaps > recency, + 1)
  rec_over_gapmax  recency / (longest own gap + 1)
Also (exp 2, set WEEKLY=1): weekly training cutoffs (4x the rows) for logistic regression and
LightGBM with a few tree sizes.
Run: python3 longview-churn/scripts/churn_ablation_rhythm.py ../shared/data/online-retail/online_retail.csv.gz
"""
import os, sys, time, numpy as np, pandas as pd, warnings; warnings.filterwarnings('ignore')
_here = os.path.dirname(os.path.abspath(__file__))
src = open(os.path.join(_here, 'churn_ablation.py')).read()
exec(src[:src.index("import pandas as pd, numpy as np, warnings")])
from scipy.special import gammaln
from scipy.optimize import minimize
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler
from sklearn.pipeline import make_pipeline
from sklearn.metrics import roc_auc_score
import lightgbm as lgb, functools
def bg_ll(p,x,tx,T):
    r,a,A,B=np.exp(p)
    l1=gammaln(r+x)-gammaln(r)+r*np.log(a)
    l2=gammaln(A+B)+gammaln(B+x)-gammaln(B)-gammaln(A+B+x)
    l3=-(r+x)*np.log(a+T)
    l4=np.where(x>0,np.log(A)-np.log(np.maximum(B+x-1,1e-12))-(r+x)*np.log(a+tx),-np.inf)
    return -np.sum(l1+l2+np.logaddexp(l3,l4))
@functools.lru_cache(None)
def B2(t0):
    F=build(t0).copy(); t0p=pd.Timestamp(t0)
    pur=df[(df.t<t0p)&~df.cancel&df.CustomerID.isin(F.index)]
    days=pur[['CustomerID','day']].drop_duplicates()
    g=days.groupby('CustomerID').day
    first=g.min(); last=g.max(); n=g.nunique()
    x=(n-1).reindex(F.index).values.astype(float)
    tx=((last-first).dt.days).reindex(F.index).values/7.0
    T=((t0p-first).dt.days).reindex(F.index).values/7.0
    res=minimize(bg_ll,np.log([0.5,5,0.5,2]),args=(x,tx,T),method='Nelder-Mead',options=dict(maxiter=4000))
    r,a,A,Bb=np.exp(res.x)
    palive=np.where(x>0,1/(1+(x>0)*A/np.maximum(Bb+x-1,1e-9)*((a+T)/(a+tx))**(r+x)),1.0)
    t=90/7
    F['bg_preturn']=palive*(1-((a+T)/(a+T+t))**(r+x))
    F['bg_palive']=palive
    # own rhythm: empirical share of own gaps <= recency+90 among gaps > recency (with a prior)
    d=days.sort_values(['CustomerID','day']); d['gap']=d.groupby('CustomerID').day.diff().dt.days
    gaps=d.dropna().groupby('CustomerID').gap.apply(np.array)
    rec=F.recency.values
    own=[]
    for i,c in enumerate(F.index):
        gg=gaps.get(c, np.array([]))
        m=gg[gg>rec[i]]
        own.append((np.sum(m<=rec[i]+90)+0.5)/(len(m)+1.0))
    F['own_return']=own
    F['rec_over_gapmax']=F.recency/(d.dropna().groupby('CustomerID').gap.max().reindex(F.index).fillna(F.tenure+1)+1)
    return F
def data(cs): return pd.concat([B2(c) for c in cs])
def tf(F):
    X=F.drop(columns=['y','cut']).copy()
    for c in X.columns:
        if c.startswith(('inv','days','recency','tenure','gap','aov','lines','rec_')): X[c]=np.log1p(X[c].clip(lower=0))
    return X
RFM=['recency','days365','inv365','rev365']
def lr(tr,te,cols,C=0.1):
    m=make_pipeline(StandardScaler(),LogisticRegression(C=C,max_iter=3000)); m.fit(tf(tr)[cols],tr.y); return m.predict_proba(tf(te)[cols])[:,1]
def gbm(tr,te,cols,p=None,rounds=300):
    prm=dict(objective='binary',learning_rate=0.02,num_leaves=7,min_data_in_leaf=100,feature_fraction=0.8,bagging_fraction=0.8,bagging_freq=1,lambda_l2=1.0,verbose=-1,seed=42,num_threads=2,deterministic=True)
    if p: prm.update(p)
    b=lgb.train(prm,lgb.Dataset(tr[cols],tr.y),rounds); return b.predict(te[cols])
folds={'val1':(['2011-01-01','2011-01-31'],['2011-05-01']),
       'val2':(['2011-01-01','2011-02-01','2011-03-01'],['2011-06-01']),
       'test':(['2011-02-01','2011-03-01','2011-04-01','2011-05-01'],['2011-08-01','2011-09-01'])}
ALL0=[c for c in build('2011-02-01').columns if c not in ('y','cut')]
NEW=['bg_preturn','bg_palive','own_return','rec_over_gapmax']
sets={'rfm':RFM,'rfm+bgret':RFM+['bg_preturn'],'rfm+own':RFM+['own_return'],'rfm+bg+own':RFM+['bg_preturn','own_return','rec_over_gapmax'],
      'all0':ALL0,'all0+new':ALL0+NEW}
for name,(a,b) in folds.items():
    t=time.time(); tr,te=data(a),data(b)
    out={}
    out['base:bg_preturn']=roc_auc_score(te.y,-te.bg_preturn)
    out['base:1-palive']=roc_auc_score(te.y,-te.bg_palive)
    for sn,cols in sets.items():
        out['lr:'+sn]=roc_auc_score(te.y,lr(tr,te,cols))
    for sn in ('rfm','all0','all0+new'):
        out['gbm:'+sn]=roc_auc_score(te.y,gbm(tr,te,sets[sn]))
    print(name,len(tr),len(te),'%.0fs'%(time.time()-t)); [print(f'  {k:22s} {v:.4f}') for k,v in out.items()]
    sys.stdout.flush()

if os.environ.get('WEEKLY'):
    def weekly(a, b): return [str(x.date()) for x in pd.date_range(a, b, freq='7D')]
    wfolds = {'val1': (weekly('2010-12-31', '2011-01-31'), ['2011-05-01']),
              'val2': (weekly('2011-01-01', '2011-03-01'), ['2011-06-01'])}
    for name, (w, b) in wfolds.items():
        trw, te = data(w), data(b)
        out = {'lr:rfm weekly': roc_auc_score(te.y, lr(trw, te, RFM)),
               'lr:all weekly': roc_auc_score(te.y, lr(trw, te, ALL0))}
        for nl, md, r in [(7, 100, 300), (7, 300, 600), (15, 300, 400), (4, 200, 800)]:
            out[f'gbm:all weekly {nl}/{md}/{r}'] = roc_auc_score(te.y, gbm(trw, te, ALL0, dict(num_leaves=nl, min_data_in_leaf=md), r))
        print(name, len(trw), len(te)); [print(f'  {k:28s} {v:.4f}') for k, v in out.items()]
